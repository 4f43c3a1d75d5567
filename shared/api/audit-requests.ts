/**
 * What a refused API request asked for, in words (the audit's request.denied entries store the
 * method and path; a reviewer reads 「会議の参加者一覧の閲覧」, never /api/meetings/…). A path
 * no pattern knows reads as 「その他の操作」: a raw path never reaches the screen or the CSV.
 * The keys are message keys `auditRequest_<key>` (client/i18n/audit-messages.ts).
 */
const ID = '[^/]+';
const PATTERNS: [RegExp, string][] = (
  [
    ['/cases', 'caseList'],
    [`/cases/${ID}`, 'case'],
    [`/cases/${ID}/household(?:/.*)?`, 'household'],
    [`/cases/${ID}/coordinators`, 'coordinators'],
    [`/cases/${ID}/(?:lifecycle|status)`, 'caseStatus'],
    [`/cases/${ID}/support-decision`, 'supportDecision'],
    [`/cases/${ID}/(?:consents/${ID}/document|consent-documents)`, 'consentDocument'],
    [`/cases/${ID}/(?:consents|persons/${ID}/consents)`, 'consent'],
    [`/cases/${ID}/legal-basis`, 'legalBasis'],
    [`/cases/${ID}/(?:manifest|compartments(?:/.*)?)`, 'caseDocuments'],
    [`/cases/${ID}/events`, 'caseEvents'],
    [`/cases/${ID}/meetings`, 'meetingSchedule'],
    [`/cases/${ID}/timeline`, 'caseTimeline'],
    [`/meetings/${ID}`, 'meeting'],
    [`/meetings/${ID}/participants(?:/${ID})?`, 'participants'],
    [`/meetings/${ID}/attendance`, 'attendance'],
    [`/meetings/${ID}/affirmation`, 'affirmation'],
    [`/meetings/${ID}/state`, 'meetingState'],
    [`/meetings/${ID}/decisions(?:/.*)?`, 'decisions'],
    [`/meetings/${ID}/record-details`, 'recordDetails'],
    [`/meetings/${ID}/(?:record|minutes|minutes\\.docx|approve|annotations|compare/${ID})`, 'record'],
    [`/meetings/${ID}/invitations(?:/${ID})?`, 'invitations'],
    ['/(?:search|case-search)', 'search'],
    ['/records/settings', 'recordsSettings'],
    ['/indicators', 'indicators'],
    ['/admin/settings', 'adminSettings'],
    ['/admin/organisations(?:/.*)?', 'adminOrganisations'],
    ['/admin/users(?:/.*)?', 'adminUsers'],
    ['/(?:admin/)?meeting-kinds(?:/.*)?', 'meetingKinds'],
    ['/audit(?:/.*)?', 'audit'],
    ['/intake/inbox(?:/.*)?', 'intakeInbox'],
    ['/intake/(?:referrals|coordinating-organisations)(?:/.*)?', 'referrals'],
    ['/directory', 'directory'],
    ['/auth/.*', 'account'],
  ] as const
).map(([pattern, key]) => [new RegExp(`^/api${pattern}/?$`), key]);

/** The message key of what the path asks for, or null (「その他の操作」). */
export function requestKey(path: string): string | null {
  const bare = path.split('?')[0]!;
  return PATTERNS.find(([re]) => re.test(bare))?.[1] ?? null;
}

/** Reading, changing or removing (the message key suffix). */
export function requestVerb(method: string): 'read' | 'write' | 'remove' {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return 'read';
  return m === 'DELETE' ? 'remove' : 'write';
}
