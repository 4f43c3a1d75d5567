import { useState } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../consent/common.ts';
import { useStepUp } from './useStepUp.tsx';
import type { AuditFilterValues } from './audit-api.ts';

/** Downloads the filtered log as CSV (UTF-8 with BOM); a stale second factor is asked for first. */
export function AuditExportButton({ filter }: { filter: AuditFilterValues }) {
  const { t } = useI18n();
  const { guard, dialog } = useStepUp();
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setError(null);
    const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ''));
    try {
      const blob = await guard(async () => {
        const res = await fetch(`/api/audit/export.csv?${query}`, { credentials: 'same-origin' });
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
          throw new ApiError(res.status, body.error ?? 'http_error', body.message ?? `HTTP ${res.status}`);
        }
        return res.blob();
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'kasane-audit.csv';
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <button type="button" className="secondary" onClick={() => void download()} data-testid="audit-export">
        {t('adm_exportCsv')}
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
      {dialog}
    </>
  );
}
