import { useEffect, useState } from 'react';
import type { InstanceView } from '../../shared/api/admin.ts';
import { api, unwrap } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import './admin.css';

let cached: Promise<InstanceView> | null = null;
/** The installation's name and demo flag (public), fetched once per page load. */
export function loadInstance(): Promise<InstanceView> {
  cached ??= unwrap<InstanceView>(api.admin.instance.$get()).catch(() => ({ municipalityName: '', isDemo: false }));
  return cached;
}

/** 「デモ環境」 on every screen of the demo, so nobody mistakes it for the real installation. */
export function DemoBanner() {
  const { t } = useI18n();
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    let live = true;
    void loadInstance().then((i) => live && setDemo(i.isDemo));
    return () => {
      live = false;
    };
  }, []);
  if (!demo) return null;
  return (
    <div className="demo-banner" role="note" data-testid="demo-banner">
      {t('adm_demoBanner')}
    </div>
  );
}
