/** Node flags `marquee serve` runs with (see serve-node-args.mjs). */
export declare const SERVE_NODE_ARGS: readonly string[];
/** Environment `marquee serve` starts with (see serve-node-args.mjs). */
export declare const SERVE_ENV: Readonly<Record<string, string>>;
