import { z } from 'zod';

/**
 * Administration API shapes (issue 10): the municipality's settings, organisations, users,
 * meeting kinds, and the second-factor steps of signing in. Messages are Japanese first with the
 * English after, as everywhere in the API.
 */

/** 分野 of an organisation (DOMAIN.md "People and organisations"). */
export const ORG_FIELDS = [
  'coordination',
  'administration',
  'elderly',
  'disability',
  'children',
  'poverty',
  'medical',
  'education',
  'advocacy',
  'minsei',
  'community',
  'resident',
  'other',
] as const;
export type OrgField = (typeof ORG_FIELDS)[number];

export const USER_ROLES = ['administrator', 'facilitator', 'member'] as const;

const Name = (field: string, max: number) =>
  z
    .string({ error: `${field} を入力してください (${field} is required)` })
    .trim()
    .min(1, { error: `${field} を入力してください (${field} is required)` })
    .max(max, { error: `${field} は${max}文字以内です (${field} is at most ${max} characters)` });

const IntIn = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} は数値です (${field} must be a number)` })
    .int({ error: `${field} は整数です (${field} must be an integer)` })
    .min(min, { error: `${field} は ${min}〜${max} です (${field} is ${min} to ${max})` })
    .max(max, { error: `${field} は ${min}〜${max} です (${field} is ${min} to ${max})` });

// ---------- instance and settings ----------

/** Public: what the login page shows before anyone signs in. */
export const InstanceView = z.object({ municipalityName: z.string(), isDemo: z.boolean() });
export type InstanceView = z.infer<typeof InstanceView>;

export const SettingsView = z.object({
  municipalityName: z.string(),
  requireTwoFactor: z.boolean(),
  /** A session ends after this long without use. */
  sessionIdleMinutes: z.number().int(),
  /** Administration and exports ask for the second factor again after this long. */
  stepUpMinutes: z.number().int(),
  recordRetentionYears: z.number().int(),
  auditRetentionYears: z.number().int(),
  isDemo: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const UpdateSettingsRequest = z.object({
  municipalityName: Name('municipalityName', 60),
  requireTwoFactor: z.boolean(),
  sessionIdleMinutes: IntIn('sessionIdleMinutes', 5, 24 * 60),
  stepUpMinutes: IntIn('stepUpMinutes', 1, 240),
  recordRetentionYears: IntIn('recordRetentionYears', 1, 100),
  auditRetentionYears: IntIn('auditRetentionYears', 1, 100),
});
export type UpdateSettingsRequest = z.infer<typeof UpdateSettingsRequest>;

// ---------- organisations ----------

export const AdminOrganisationView = z.object({
  id: z.string(),
  name: z.string(),
  field: z.string(),
  isCoordinator: z.boolean(),
  active: z.boolean(),
  activeUserCount: z.number().int(),
});
export type AdminOrganisationView = z.infer<typeof AdminOrganisationView>;

export const CreateOrganisationRequest = z.object({
  name: Name('name', 80),
  field: z.enum(ORG_FIELDS, { error: '分野を選んでください (choose a field)' }),
  isCoordinator: z.boolean().default(false),
});
export type CreateOrganisationRequest = z.infer<typeof CreateOrganisationRequest>;

export const UpdateOrganisationRequest = z
  .object({
    name: Name('name', 80).optional(),
    field: z.enum(ORG_FIELDS, { error: '分野を選んでください (choose a field)' }).optional(),
    isCoordinator: z.boolean().optional(),
    /** false deactivates: its users are signed out at once and can no longer sign in. */
    active: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { error: '変更する項目がありません (nothing to change)' });
export type UpdateOrganisationRequest = z.infer<typeof UpdateOrganisationRequest>;

// ---------- users ----------

export const AdminUserView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: z.enum(USER_ROLES),
  isOrgAdmin: z.boolean(),
  active: z.boolean(),
  twoFactorEnrolled: z.boolean(),
  mustChangePassword: z.boolean(),
  /** Too many wrong second-factor codes: an administrator unlocks. */
  locked: z.boolean(),
});
export type AdminUserView = z.infer<typeof AdminUserView>;

/** How a new (or reset) user gets in: a one-time password shown once, or an expiring link. */
export const CredentialKind = z.enum(['one_time_password', 'invitation'], { error: '初期パスワードか招待リンクを選んでください (choose a credential)' });

export const CredentialIssued = z.object({
  kind: CredentialKind,
  /** Shown once to the administrator; the user must replace it at first sign-in. */
  oneTimePassword: z.string().optional(),
  /** Path of the invitation page (/invite/<token>); works once, until expiresAt. */
  invitationPath: z.string().optional(),
  expiresAt: z.string().optional(),
});
export type CredentialIssued = z.infer<typeof CredentialIssued>;

export const CreateUserRequest = z.object({
  username: z
    .string({ error: 'ログインIDを入力してください (username is required)' })
    .regex(/^[a-z0-9][a-z0-9._-]{2,31}$/, { error: 'ログインIDは英小文字・数字・._- で3〜32文字です (username: 3-32 of a-z 0-9 . _ -)' }),
  displayName: Name('displayName', 60),
  orgId: Name('orgId', 64),
  role: z.enum(USER_ROLES, { error: '役割を選んでください (choose a role)' }),
  isOrgAdmin: z.boolean().default(false),
  credential: CredentialKind,
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const CreatedUser = z.object({ user: AdminUserView, credential: CredentialIssued });
export type CreatedUser = z.infer<typeof CreatedUser>;

export const UpdateUserRequest = z
  .object({
    displayName: Name('displayName', 60).optional(),
    /** Moves the user to another organisation (administrators only). */
    orgId: Name('orgId', 64).optional(),
    role: z.enum(USER_ROLES, { error: '役割を選んでください (choose a role)' }).optional(),
    isOrgAdmin: z.boolean().optional(),
    /** false deactivates: sessions and sockets end at once. */
    active: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { error: '変更する項目がありません (nothing to change)' });
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const ResetPasswordRequest = z.object({ credential: CredentialKind });

// ---------- meeting kinds ----------

/** Agenda items per moment ('' = any moment of this kind). */
export const AgendaTemplates = z.record(
  z.string().max(40),
  z.array(z.string().trim().min(1).max(200)).max(30, { error: '議題は30件までです (at most 30 items)' }),
);

export const AdminMeetingKindView = z.object({
  id: z.string(),
  nameJa: z.string(),
  nameEn: z.string(),
  consentRequired: z.boolean(),
  confidentialityRequired: z.boolean(),
  builtIn: z.boolean(),
  /** Meetings of this kind exist: its flags decided who saw what, so they no longer change. */
  inUse: z.boolean(),
  agenda: AgendaTemplates,
});
export type AdminMeetingKindView = z.infer<typeof AdminMeetingKindView>;

const kindFlagsOk = (k: { consentRequired?: boolean; confidentialityRequired?: boolean }) =>
  k.consentRequired === undefined || k.confidentialityRequired === undefined || k.consentRequired || k.confidentialityRequired;
const KIND_FLAGS_MESSAGE = '本人同意か守秘義務のどちらかは必要です (a kind needs consent or confidentiality)';

export const CreateAdminMeetingKindRequest = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { error: '識別子は英小文字・数字・_ で2〜40文字です (id: lowercase letters, digits, _)' }),
    nameJa: Name('nameJa', 60),
    nameEn: Name('nameEn', 80),
    consentRequired: z.boolean(),
    confidentialityRequired: z.boolean(),
    agenda: AgendaTemplates.default({}),
  })
  .refine(kindFlagsOk, { error: KIND_FLAGS_MESSAGE, path: ['consentRequired'] });
export type CreateAdminMeetingKindRequest = z.infer<typeof CreateAdminMeetingKindRequest>;

export const UpdateAdminMeetingKindRequest = z
  .object({
    nameJa: Name('nameJa', 60).optional(),
    nameEn: Name('nameEn', 80).optional(),
    consentRequired: z.boolean().optional(),
    confidentialityRequired: z.boolean().optional(),
    agenda: AgendaTemplates.optional(),
  })
  .refine(kindFlagsOk, { error: KIND_FLAGS_MESSAGE, path: ['consentRequired'] });
export type UpdateAdminMeetingKindRequest = z.infer<typeof UpdateAdminMeetingKindRequest>;

// ---------- second factor and passwords ----------

/** Answer of POST /auth/login (202) when the password was right but a second step is needed. */
export const SecondFactorStep = z.object({ step: z.enum(['totp', 'enrol']) });
export type SecondFactorStep = z.infer<typeof SecondFactorStep>;

export const TotpEnrolment = z.object({
  /** Base32, for typing into an authenticator app by hand. */
  secret: z.string(),
  otpauthUri: z.string(),
  /** The otpauth URI as a QR code (data:image/svg+xml): an image, allowed by the CSP. */
  qrDataUrl: z.string(),
});
export type TotpEnrolment = z.infer<typeof TotpEnrolment>;

const Code = z.string().trim().regex(/^\d{6}$/, { error: '6桁の数字を入力してください (enter the 6-digit code)' });

export const TotpCodeRequest = z.object({ code: Code });

export const SecondFactorRequest = z.union([
  z.object({ code: Code }),
  z.object({ recoveryCode: z.string().trim().min(8).max(32) }),
]);

export const RecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodes>;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const AcceptInvitationRequest = z.object({ password: z.string().min(1).max(256) });

export const InvitationView = z.object({ displayName: z.string(), username: z.string(), orgName: z.string(), expiresAt: z.string() });
export type InvitationView = z.infer<typeof InvitationView>;

export const TwoFactorStatus = z.object({ enrolled: z.boolean(), required: z.boolean(), recoveryCodesLeft: z.number().int() });
export type TwoFactorStatus = z.infer<typeof TwoFactorStatus>;

/**
 * The first administrator of a real installation, from a browser (issue 10): the one-time setup
 * link printed at first start (/setup/<token>), as an alternative to `npm run admin:create`.
 */
export const SetupLinkView = z.object({ expiresAt: z.string(), municipalityName: z.string() });
export type SetupLinkView = z.infer<typeof SetupLinkView>;
export const SetupRequest = z.object({
  municipalityName: z.string().trim().max(60).default(''),
  orgName: z.string().trim().max(100).default(''),
  displayName: z.string().trim().min(1, '氏名を入力してください (name is required)').max(100),
  username: z.string().trim().min(1, 'ログインIDを入力してください (username is required)').max(32),
  password: z.string().min(1, 'パスワードを入力してください (password is required)').max(256),
});
export type SetupRequest = z.infer<typeof SetupRequest>;
export const SetupDone = z.object({ username: z.string() });
