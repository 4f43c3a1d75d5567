import { useRef, useState, type ReactNode } from 'react';
import { api, ApiError, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { CodeForm } from '../auth/CodeForm.tsx';

/**
 * Sensitive actions answer 403 step_up_required when the last code is too old: `guard(fn)` then
 * asks for a code in a dialog, confirms it (POST /api/auth/step-up) and runs `fn` again.
 */
export function useStepUp(): { guard<T>(fn: () => Promise<T>): Promise<T>; dialog: ReactNode } {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const pending = useRef<{ resolve(): void; reject(e: unknown): void } | null>(null);

  const guard = async <T,>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'enrolment_required') throw new Error(t('adm_enrolFirst'));
      if (!(error instanceof ApiError && error.code === 'step_up_required')) throw error;
      await new Promise<void>((resolve, reject) => {
        pending.current = { resolve, reject };
        setOpen(true);
      });
      return fn();
    }
  };

  const dialog = open ? (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="step-up-title" data-testid="step-up">
        <h2 id="step-up-title">{t('adm_stepUpTitle')}</h2>
        <p className="hint">{t('adm_stepUpIntro')}</p>
        <CodeForm
          allowRecovery
          onSubmit={async (body) => {
            const res = await api.auth['step-up'].$post({ json: body });
            if (!res.ok) await unwrap(Promise.resolve(res as unknown as Response));
            setOpen(false);
            pending.current?.resolve();
          }}
        />
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setOpen(false);
            pending.current?.reject(new Error(t('adm_cancel')));
          }}
        >
          {t('adm_cancel')}
        </button>
      </div>
    </div>
  ) : null;
  return { guard, dialog };
}
