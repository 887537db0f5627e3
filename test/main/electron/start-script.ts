// scripts/start.mjs, typed for the tests. Imported through a computed URL: the script is
// plain JavaScript with no declaration file, and importing it runs nothing.
const START_SCRIPT = new URL('../../../scripts/start.mjs', import.meta.url).href;

export interface StartScript {
  findElectronBinary(root?: string, env?: NodeJS.ProcessEnv): string | null;
  kioskUrl(env?: NodeJS.ProcessEnv): string;
  fallbackMessage(env?: NodeJS.ProcessEnv): string;
}

export const startScript = (await import(/* @vite-ignore */ START_SCRIPT)) as StartScript;
