"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import styles from "./flow-canvas.module.css";

export interface NodeMenuItem {
  label: string;
  href?: string;
  onSelect?: () => void;
  danger?: boolean;
  disabled?: boolean;
}

const MENU_MAX_HEIGHT = 200;

interface Placement {
  top: number;
  left: number;
}

/** Below the button, or above it when the window has no room below; right-aligned with it. */
function placeMenu(button: HTMLElement): Placement {
  const rect = button.getBoundingClientRect();
  const below = rect.bottom + 4;
  const top = below + MENU_MAX_HEIGHT > window.innerHeight ? Math.max(4, rect.top - 4 - MENU_MAX_HEIGHT) : below;
  return { top, left: rect.right };
}

/**
 * A small dropdown on a node. The list is portalled to <body> with fixed positioning, so the
 * canvas's clipping and the nodes drawn after this one can never hide it; "nodrag" keeps a click
 * on the button from starting a drag.
 */
export function NodeMenu({ label, buttonText, items }: { label: string; buttonText: string; items: NodeMenuItem[] }) {
  const [placement, setPlacement] = useState<Placement | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const open = placement !== null;

  useEffect(() => {
    if (!open) return;
    const close = () => setPlacement(null);
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!buttonRef.current?.contains(target) && !menuRef.current?.contains(target)) close();
    };
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && close();
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    // The canvas pans and zooms under a fixed menu: close rather than float away from its node.
    document.addEventListener("wheel", close, { passive: true });
    window.addEventListener("resize", close);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("wheel", close);
      window.removeEventListener("resize", close);
    };
  }, [open]);

  const toggle = () => setPlacement((current) => (current || !buttonRef.current ? null : placeMenu(buttonRef.current)));

  return (
    <div className={`${styles.menuRoot} nodrag nopan`}>
      <button
        ref={buttonRef}
        type="button"
        className={styles.menuButton}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={toggle}
      >
        {buttonText}
      </button>
      {placement &&
        createPortal(
          <div
            ref={menuRef}
            className={styles.menu}
            role="menu"
            id={menuId}
            aria-label={label}
            style={{ top: placement.top, left: placement.left }}
          >
            {items.map((item) =>
              item.href ? (
                <Link
                  key={item.label}
                  href={item.href}
                  role="menuitem"
                  className={styles.menuItem}
                  onClick={() => setPlacement(null)}
                >
                  {item.label}
                </Link>
              ) : (
                <button
                  key={item.label}
                  type="button"
                  role="menuitem"
                  disabled={item.disabled}
                  className={`${styles.menuItem} ${item.danger ? styles.menuItemDanger : ""}`}
                  onClick={() => {
                    setPlacement(null);
                    item.onSelect?.();
                  }}
                >
                  {item.label}
                </button>
              ),
            )}
          </div>,
          document.body,
        )}
    </div>
  );
}
