// Explicit heading IDs, react.dev style: `## Title {/*my-id*/}`.
// Linked headings keep their ID when the title is reworded; a malformed or
// duplicated ID fails the build instead of silently breaking someone's link.
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MARKER = /^\/\*\s*([^*]*?)\s*\*\/$/;

/** @returns {(tree: any, file: any) => void} */
export function remarkHeadingIds() {
  return (tree, file) => {
    const seen = new Set();
    const visit = (node) => {
      if (node.type === 'heading') {
        const last = node.children[node.children.length - 1];
        if (last && last.type === 'mdxTextExpression') {
          const match = MARKER.exec(String(last.value).trim());
          if (match) {
            const id = match[1];
            const where = `${file.path ?? 'MDX'}:${node.position?.start.line ?? '?'}`;
            if (!SLUG.test(id)) throw new Error(`${where}: heading id "${id}" is not a kebab-case slug`);
            if (seen.has(id)) throw new Error(`${where}: heading id "${id}" is used twice on this page`);
            seen.add(id);
            node.children.pop();
            const prev = node.children[node.children.length - 1];
            if (prev && prev.type === 'text') prev.value = prev.value.replace(/\s+$/, '');
            node.data = { ...node.data, hProperties: { ...(node.data?.hProperties ?? {}), id } };
          }
        }
      }
      for (const child of node.children ?? []) visit(child);
    };
    visit(tree);
  };
}
