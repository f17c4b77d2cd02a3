import { useT } from './i18n';

/** Words an island writes into its own markup, in the island's language: `<T>FLOPs per component</T>`. */
export function T({ children }: { children: string }) {
  const t = useT();
  return <>{t(children)}</>;
}
