/**
 * A popup anchored under a button but drawn in document.body (a portal), so the grid's
 * scrolling box cannot clip it: placed below the anchor, kept inside the viewport, and
 * closed by Esc or a press anywhere outside it (the anchor excepted, which toggles).
 */
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';

const MARGIN = 8;

export function useAnchoredPopup(anchor: HTMLElement, onClose: () => void) {
  const ref = useRef<HTMLDivElement>(null);
  const [style, setStyle] = useState<CSSProperties>({ position: 'fixed', visibility: 'hidden' });

  useLayoutEffect(() => {
    const place = () => {
      const popup = ref.current;
      if (!popup) return;
      const at = anchor.getBoundingClientRect();
      const { width, height } = popup.getBoundingClientRect();
      const left = Math.min(Math.max(MARGIN, at.right - width), window.innerWidth - width - MARGIN);
      const below = at.bottom + 2;
      // Flip above the anchor when there is no room below; never past the top edge.
      const top =
        below + height + MARGIN <= window.innerHeight
          ? below
          : Math.max(MARGIN, Math.min(at.top - height - 2, window.innerHeight - height - MARGIN));
      setStyle({ position: 'fixed', left: Math.max(MARGIN, left), top });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [anchor]);

  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      // Only the menu closes, not a dialog the grid sits in.
      e.stopPropagation();
      close.current();
    };
    const onPress = (e: MouseEvent) => {
      const target = e.target as Node;
      if (ref.current?.contains(target) || anchor.contains(target)) return;
      close.current();
    };
    window.addEventListener('keydown', onKey, true);
    document.addEventListener('mousedown', onPress, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      document.removeEventListener('mousedown', onPress, true);
    };
  }, [anchor]);

  return { ref, style };
}
