// Whether an element has come near the screen yet: a part of a screen below the fold (a chart library, a map's
// outlines) is loaded once it is about to be seen, not while the screen's first rows and bars are being drawn.
import { useEffect, useRef, useState, type RefObject } from 'react';

/** A ref to put on the element and, once it has come within `margin` of the viewport, true (and true from then on).
 * Without IntersectionObserver, true at once. */
export function useNearScreen<T extends Element>(margin = '200px'): [RefObject<T | null>, boolean] {
  const ref = useRef<T | null>(null);
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return undefined;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          setNear(true);
        }
      },
      { rootMargin: margin },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near, margin]);
  return [ref, near];
}
