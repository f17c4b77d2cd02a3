/**
 * The site's chrome in both editions (issue 15): header, menus, footer, search, "On this page",
 * problem controls, citation blocks, the 404 page, the glossary page and the language switch.
 * One key, one English and one Chinese text; `{name}` placeholders are filled by `t()`.
 * test/components/ui.test.ts fails when a key lacks either language or their placeholders differ.
 *
 * Messages the core, the islands and the CLI produce (errors, warnings, labels, formula titles)
 * live in src/core/i18n/ and src/components/i18n/, not here.
 */
import type { Lang } from '../lib/lang';

export const UI = {
  // The site
  'site.name': { en: 'Transformer by the Numbers', zh: 'Transformer by the Numbers（中文版）' },
  'site.tagline': {
    en: 'The quantitative analysis of Transformer LLMs, computed: parameters, FLOPs, memory, latency, parallelism.',
    zh: '把 Transformer 大模型算清楚：参数量、计算量、显存、时延与并行，每个数字都由代码算出。',
  },
  // Skip links
  'skip.content': { en: 'Skip to content', zh: '跳到正文' },
  'skip.searchBox': { en: 'Skip to search', zh: '跳到搜索框' },
  'skip.searchPage': { en: 'Go to search', zh: '前往搜索页' },
  // Header and menus
  'nav.chapters': { en: 'Chapters', zh: '章节' },
  'nav.course': { en: 'Course', zh: '课程' },
  'nav.site': { en: 'Site', zh: '站点' },
  'nav.more': { en: 'More pages', zh: '更多页面' },
  'nav.home': { en: 'Course map', zh: '课程地图' },
  'nav.notation': { en: 'Notation', zh: '符号表' },
  'nav.models': { en: 'Models', zh: '模型' },
  'nav.playground': { en: 'Playground', zh: '试算台' },
  'nav.realityCheck': { en: 'Reality check', zh: '实测对照' },
  'nav.references': { en: 'References', zh: '参考文献' },
  'nav.cheatsheet': { en: 'Cheat sheet', zh: '速查表' },
  'nav.glossary': { en: 'Glossary', zh: '术语表' },
  'nav.capstone': { en: 'Capstone', zh: '综合练习' },
  'nav.changelog': { en: 'Changelog', zh: '更新日志' },
  'nav.notWritten': { en: 'Not yet written', zh: '尚未写成' },
  'nav.notTranslated': { en: 'Not yet translated: opens the English page', zh: '尚未翻译：打开英文版' },
  // Previous / next
  'pager.label': { en: 'Previous and next chapter', zh: '上一章与下一章' },
  'pager.prev': { en: 'Previous', zh: '上一章' },
  'pager.next': { en: 'Next', zh: '下一章' },
  // Search
  'search.title': { en: 'Search', zh: '搜索' },
  'search.description': {
    en: 'Search every chapter of Transformer by the Numbers; results link to the section that answers you.',
    zh: '搜索中文版的每一章，结果直接链接到回答你问题的那一节。',
  },
  'search.label': { en: 'Search the course', zh: '搜索课程' },
  'search.placeholder': { en: 'Search the course', zh: '搜索：显存、首 Token 时延…' },
  'search.button': { en: 'Search', zh: '搜索' },
  'search.hint': {
    en: 'Type a word: a quantity (KV cache), a model (Llama 2 70B) or a symbol name.',
    zh: '输入一个词：一个量（显存、KV Cache）、一个模型（Llama 2 70B）或一个符号名。',
  },
  'search.foundOne': { en: '{n} page found.', zh: '找到 {n} 个页面。' },
  'search.foundMany': { en: '{n} pages found.', zh: '找到 {n} 个页面。' },
  'search.missingIndex': {
    en: 'The search index is missing: build the site with `npm run build` (it runs Pagefind).',
    zh: '缺少搜索索引：请用 `npm run build` 构建站点（它会运行 Pagefind）。',
  },
  // On this page
  'toc.label': { en: 'On this page', zh: '本页内容' },
  // Chapter pages
  'chapter.meta': { en: 'Chapter {n} of {m}', zh: '第 {n} 章 共 {m} 章' },
  // Problems
  'problem.multiStep': { en: 'multi-step', zh: '多步' },
  'problem.link': { en: 'Link to this problem', zh: '本题链接' },
  'solution.show': { en: 'Show the worked solution', zh: '查看解答' },
  // Citation blocks under derivations
  'cite.summary': { en: 'Cite this derivation (LaTeX, Markdown)', zh: '引用这段推导（LaTeX、Markdown）' },
  'cite.latex': { en: 'LaTeX', zh: 'LaTeX' },
  'cite.markdown': { en: 'Markdown', zh: 'Markdown' },
  'cite.copyLatex': { en: 'Copy LaTeX', zh: '复制 LaTeX' },
  'cite.copyMarkdown': { en: 'Copy Markdown', zh: '复制 Markdown' },
  'cite.copied': { en: 'Copied', zh: '已复制' },
  'cite.selected': { en: 'Selected: press Ctrl+C (⌘C) to copy', zh: '已选中：按 Ctrl+C（⌘C）复制' },
  'derivation.selfLink': { en: 'link to this', zh: '本节链接' },
  // Footer
  'footer.formulas': { en: 'Formulas v{version}', zh: '公式 v{version}' },
  'footer.changelog': { en: 'changelog', zh: '更新日志' },
  'footer.updated': { en: 'This page was last updated on', zh: '本页最后更新于' },
  'footer.core': {
    en: 'Every number on this site is computed by the same TypeScript core; calculators keep their inputs in the link.',
    zh: '本站每个数字都由同一套 TypeScript 核心代码算出；计算器的输入保存在链接里。',
  },
  // Theme
  'theme.label': { en: 'Theme', zh: '主题' },
  'theme.toggle': { en: 'Switch between light and dark', zh: '切换浅色/深色' },
  'theme.light': { en: 'Light', zh: '浅色' },
  'theme.dark': { en: 'Dark', zh: '深色' },
  'theme.system': { en: 'System', zh: '跟随系统' },
  // Language switch: on an English page it offers Chinese, on a Chinese page English.
  'lang.label': { en: 'Language', zh: '语言' },
  'lang.other': { en: '中文', zh: 'English' },
  'lang.otherTitle': { en: 'Read this page in Chinese', zh: '阅读本页的英文版' },
  'lang.noTwin': { en: 'This page is not in Chinese yet: opens the Chinese home page', zh: '本页尚无英文版：打开英文首页' },
  'lang.thisEdition': { en: 'English', zh: '中文' },
  // 404
  'notFound.title': { en: 'Page not found', zh: '页面不存在' },
  'notFound.description': {
    en: 'This page does not exist. Search the course or start from the course map.',
    zh: '这个页面不存在。可以搜索课程，或从课程地图开始。',
  },
  'notFound.body': {
    en: 'There is no page at this address. If you followed a link to a derivation, its anchor may have moved: search for it below.',
    zh: '这个地址上没有页面。如果你是从某个推导的链接过来的，它的锚点可能已经移动：在下面搜索它。',
  },
  'notFound.home': { en: 'Go to the course map', zh: '回到课程地图' },
  'notFound.other': { en: 'Chinese edition: 中文版首页', zh: '英文版课程地图（English edition）' },
  // Glossary page
  'glossary.title': { en: 'Glossary: Chinese ↔ English', zh: '中英术语对照' },
  'glossary.description': {
    en: 'Every term the course uses, in Chinese and English, each linked to the section that first explains it.',
    zh: '课程用到的每个术语的中英对照，每条都链接到首次讲解它的那一节。',
  },
  'glossary.intro': {
    en: 'The Chinese edition uses the terms of the Chinese article the course follows. Each term links to the section of this edition that first explains it.',
    zh: '中文版沿用课程所依据的那篇中文文章的术语。每个术语都链接到本版中首次讲解它的那一节；英文列给出搜索英文资料时用的说法。',
  },
  'glossary.colZh': { en: 'Chinese', zh: '中文' },
  'glossary.colEn': { en: 'English', zh: '英文' },
  'glossary.colWhere': { en: 'First explained', zh: '首次讲解' },
  'glossary.inEnglish': { en: '(in English)', zh: '（英文版，中文尚未译出）' },
  'glossary.caption': { en: '{n} terms, in the order the course introduces them', zh: '共 {n} 个术语，按课程中出现的先后排列' },
} as const satisfies Record<string, Record<Lang, string>>;

export type UiKey = keyof typeof UI;

/**
 * A chrome string in an edition, with `{name}` placeholders filled:
 * t('zh', 'chapter.meta', { n: 6, m: 13 }) → "第 6 章 共 13 章".
 */
export function t(lang: Lang, key: UiKey, vars: Record<string, string | number> = {}): string {
  const text: string = UI[key][lang];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** `t` bound to one edition, for a page's frontmatter: `const tr = translator(lang)`. */
export function translator(lang: Lang): (key: UiKey, vars?: Record<string, string | number>) => string {
  return (key, vars) => t(lang, key, vars);
}

/**
 * Chapter titles for the Chinese edition's menus: the course map lists every chapter, including one
 * whose Chinese page is not written yet (its title then links to the English page). A written
 * Chinese chapter's own frontmatter title takes precedence where the page is at hand.
 */
export const CHAPTER_TITLES_ZH: Record<string, string> = {
  tensors: '张量与矩阵乘的代价',
  'gpu-peak': 'GPU 的峰值算力从何而来',
  anatomy: '解剖一个 Decoder-only Transformer',
  'attention-ffn': '注意力与 FFN：逐个形状推演',
  'parameters-and-flops': '参数量与每 Token 计算量',
  memory: '推理显存：权重与 KV Cache',
  training: '训练：计算量与显存',
  'mfu-and-latency': 'MFU 与时延',
  parallelism: '从公式读出并行策略',
  variants: '架构变体',
  'serving-in-practice': '推理服务实践',
  'capacity-and-cost': '容量与成本',
  cases: '四个完整算例',
};
