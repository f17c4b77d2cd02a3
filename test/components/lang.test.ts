import { describe, expect, it } from 'vitest';
import { langOf, localHref, splitPath, twinHref } from '../../src/lib/lang';

describe('editions and their paths (src/lib/lang.ts)', () => {
  it('splits a path into its edition and the path below it', () => {
    expect(splitPath('/zh/memory/', '/')).toEqual({ lang: 'zh', path: 'memory/' });
    expect(splitPath('/zh/', '/')).toEqual({ lang: 'zh', path: '' });
    expect(splitPath('/zh', '/')).toEqual({ lang: 'zh', path: '' });
    expect(splitPath('/memory/', '/')).toEqual({ lang: 'en', path: 'memory/' });
    expect(splitPath('/', '/')).toEqual({ lang: 'en', path: '' });
    expect(splitPath('/tbn/zh/memory/', '/tbn/')).toEqual({ lang: 'zh', path: 'memory/' });
    expect(splitPath('/tbn/memory/', '/tbn')).toEqual({ lang: 'en', path: 'memory/' });
    // A slug that merely starts with "zh" is English.
    expect(splitPath('/zhang/', '/')).toEqual({ lang: 'en', path: 'zhang/' });
  });

  it('reads the edition from the locale, else the URL', () => {
    expect(langOf({ currentLocale: 'zh', url: new URL('http://x/memory/') })).toBe('zh');
    expect(langOf({ currentLocale: 'zh-CN', url: new URL('http://x/') })).toBe('zh');
    expect(langOf({ currentLocale: undefined, url: new URL('http://x/zh/memory/') })).toBe('zh');
    expect(langOf({ currentLocale: 'en', url: new URL('http://x/memory/') })).toBe('en');
    expect(langOf({ url: new URL('http://x/glossary/') })).toBe('en');
  });

  it('builds links in an edition and to the twin', () => {
    expect(localHref('memory/', 'zh')).toBe('/zh/memory/');
    expect(localHref('/memory/', 'en')).toBe('/memory/');
    expect(localHref('', 'zh')).toBe('/zh/');
    expect(localHref('', 'en')).toBe('/');
    expect(twinHref('/zh/memory/')).toBe('/memory/');
    expect(twinHref('/memory/')).toBe('/zh/memory/');
    expect(twinHref('/')).toBe('/zh/');
    expect(twinHref('/zh/')).toBe('/');
    expect(twinHref('/memory/', 'en')).toBe('/memory/');
  });
});
