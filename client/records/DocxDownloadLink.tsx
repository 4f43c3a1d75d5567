import { useState, type MouseEvent } from 'react';
import { ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { errorMessage } from '../consent/common.ts';
import { useStepUp } from '../admin/useStepUp.tsx';
import { minutesDocxUrl } from './records-api.ts';

/**
 * The 会議録 (Word) download. A plain link where nothing is asked; when the server wants the
 * second factor again (403 step_up_required, issue 10) the code is asked for in a dialog and the
 * file is fetched after it, under the name the server gave it.
 */
export function DocxDownloadLink({ meetingId, label }: { meetingId: string; label: string }) {
  const { t } = useI18n();
  const { guard, dialog } = useStepUp();
  const [error, setError] = useState<string | null>(null);
  const download = async (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    setError(null);
    try {
      const { blob, name } = await guard(async () => {
        const res = await fetch(minutesDocxUrl(meetingId), { credentials: 'same-origin' });
        if (!res.ok) {
          const body = (await res.json().catch(() => ({}))) as { error?: string; message?: string };
          throw new ApiError(res.status, body.error ?? 'http_error', body.message ?? `HTTP ${res.status}`);
        }
        return { blob: await res.blob(), name: fileNameOf(res.headers.get('content-disposition')) };
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name ?? t('rec_exportDocx');
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <>
      <a className="button" href={minutesDocxUrl(meetingId)} download onClick={(e) => void download(e)}>
        {label}
      </a>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
      {dialog}
    </>
  );
}

/** The UTF-8 file name of a Content-Disposition header (filename*=UTF-8''…), else the plain one. */
function fileNameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) return decodeURIComponent(star[1]!);
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain ? plain[1]! : null;
}
