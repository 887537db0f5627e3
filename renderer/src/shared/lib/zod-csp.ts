// The kiosk runs under a CSP without 'unsafe-eval'. Zod would otherwise probe `new Function`
// to compile fast parsers, and Chromium reports that probe as a CSP violation even though
// zod catches it; jitless mode skips the probe.
import { z } from 'zod';

z.config({ jitless: true });
