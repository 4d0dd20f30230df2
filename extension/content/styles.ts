// The green action's styles, applied inside its shadow root (adoptedStyleSheets where possible: a
// host page's CSP can block <style> elements in Firefox). `all: initial` keeps host styles out.
export const ACTION_CSS = `
:host { all: initial; display: inline-block; position: relative; vertical-align: middle; margin: 0 4px;
  font: 500 13px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.gl-action { display: inline-flex; align-items: center; gap: 6px; padding: 5px 10px 5px 7px; border: 0;
  border-radius: 16px; background: #0B6E4F; color: #fff; cursor: pointer; font: inherit; white-space: nowrap; }
.gl-action:hover { background: #095C42; }
.gl-action:focus-visible { outline: 3px solid #1A1A1A; outline-offset: 2px; box-shadow: 0 0 0 2px #fff; }
.gl-action[aria-busy="true"] { opacity: .85; cursor: progress; }
.gl-glyph { width: 18px; height: 18px; flex: none; }
.gl-dot { width: 8px; height: 8px; border-radius: 50%; flex: none; box-shadow: 0 0 0 1px #fff; }
.gl-dot[data-tone="ready"] { background: #7CF2B0; }
.gl-dot[data-tone="waiting"] { background: #FFD166; }
.gl-dot[data-tone="blocked"] { background: #FF8A80; }
.gl-dot[data-tone="new"] { background: #E6E6E6; }
.gl-label { font-weight: 400; opacity: .95; }
.gl-menu { position: absolute; z-index: 2147483646; top: calc(100% + 4px); left: 0; min-width: 220px; width: max-content; max-width: 420px; margin: 0;
  padding: 4px; list-style: none; background: #fff; color: #1A1A1A; border: 1px solid #6B6B6B; border-radius: 8px;
  box-shadow: 0 4px 16px rgba(0,0,0,.18); }
.gl-menu button { display: flex; width: 100%; justify-content: space-between; gap: 12px; padding: 8px; border: 0;
  border-radius: 6px; background: none; color: inherit; font: inherit; text-align: left; cursor: pointer; }
.gl-menu button:hover, .gl-menu button:focus-visible { background: #E8F5EF; outline: 2px solid #0B6E4F; }
.gl-menu small { color: #4A4A4A; white-space: nowrap; }
.gl-error { position: absolute; z-index: 2147483646; top: calc(100% + 4px); left: 0; width: max-content; max-width: 320px;
  padding: 8px 28px 8px 10px; background: #FFF4F2; color: #8A1C12; border: 1px solid #B3261E; border-radius: 8px;
  font-weight: 400; white-space: normal; }
.gl-error button { position: absolute; top: 4px; right: 4px; border: 0; background: none; color: #8A1C12; cursor: pointer;
  font: inherit; padding: 2px 6px; }
.gl-error button:focus-visible { outline: 2px solid #8A1C12; }
`;
