// node-fetch 2 keeps whatwg-url only as a fallback for runtimes without `url.URL`; every
// Node that runs VS Code has it, so the bundle points the import here instead of shipping
// 270 KB of Unicode tables that would never run.
module.exports = { URL: globalThis.URL };
