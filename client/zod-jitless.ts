import { z } from 'zod';

// The server's Content-Security-Policy forbids eval. Zod's JIT probes `new Function` once; the
// probe is caught, but the browser still reports it as a policy violation. Jitless: no probe.
z.config({ jitless: true });
