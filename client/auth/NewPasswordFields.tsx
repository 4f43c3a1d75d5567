import { useI18n } from '../i18n/i18n.tsx';

/**
 * The new password twice, as every screen that sets one asks for it (first administrator,
 * invitation, own password change): same names, autocomplete hints and minimum length, so the
 * browser's password manager and the policy behave alike everywhere.
 */
export function NewPasswordFields({ password, again, onPassword, onAgain }: { password: string; again: string; onPassword: (value: string) => void; onAgain: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('adm_newPassword')}
        <input name="newPassword" type="password" autoComplete="new-password" minLength={10} value={password} onChange={(e) => onPassword(e.target.value)} required />
      </label>
      <label>
        {t('adm_newPasswordAgain')}
        <input name="newPasswordAgain" type="password" autoComplete="new-password" value={again} onChange={(e) => onAgain(e.target.value)} required />
      </label>
    </>
  );
}
