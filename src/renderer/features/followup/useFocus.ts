import { useCallback, useLayoutEffect, useReducer, useRef } from 'react';

/**
 * Asks for focus on an element that may only exist after the next render (an item a show-if
 * just revealed): the request is kept until a render puts a matching element on the page.
 */
export function useFocusRequest(): (selector: string) => void {
  const wanted = useRef<string | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useLayoutEffect(() => {
    if (!wanted.current) return;
    const el = document.querySelector<HTMLElement>(wanted.current);
    if (!el) return;
    wanted.current = null;
    el.focus();
    el.scrollIntoView({ block: 'nearest' });
  });
  return useCallback((selector: string) => {
    wanted.current = selector;
    rerender();
  }, []);
}

export const itemSelector = (id: string) => `[data-item-id="${id}"] [data-focus-target]`;
