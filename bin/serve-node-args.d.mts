/** Node flags `marquee serve` runs with (see serve-node-args.mjs). */
export declare const SERVE_NODE_ARGS: readonly string[];
