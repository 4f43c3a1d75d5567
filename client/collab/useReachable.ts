import { useEffect, useState } from 'react';
import { connectionMonitor } from './connection-monitor.ts';

/** Whether the server answers from here (see connection-monitor.ts), as React state. */
export function useReachable(): boolean {
  const [reachable, setReachable] = useState(connectionMonitor.reachable);
  useEffect(() => {
    setReachable(connectionMonitor.reachable);
    return connectionMonitor.subscribe(setReachable);
  }, []);
  return reachable;
}
