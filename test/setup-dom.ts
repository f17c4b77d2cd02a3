// happy-dom reports no compatMode, and KaTeX refuses to render in quirks mode (toolchain.md pitfall 7).
if (typeof document !== 'undefined' && document.compatMode !== 'CSS1Compat') {
  Object.defineProperty(document, 'compatMode', { value: 'CSS1Compat', configurable: true });
}
