"use client";
// Pick a version with a slider or the Earlier/Later stepper. A plain GET form underneath, so it
// also works without JavaScript; with JavaScript the page follows the slider as it moves.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";

export function VersionPicker({ at, head }: { at: number; head: number }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [value, setValue] = useState(at);
  const [pending, startTransition] = useTransition();
  useEffect(() => setValue(at), [at]);

  const show = (version: number) => {
    const next = Math.min(Math.max(version, 1), head);
    setValue(next);
    const query = new URLSearchParams(params);
    query.set("at", String(next));
    startTransition(() => router.replace(`${pathname}?${query}`, { scroll: false }));
  };

  // A step to the first or last version disables its button: the focus goes on to the other one.
  const earlier = useRef<HTMLButtonElement>(null);
  const later = useRef<HTMLButtonElement>(null);
  const step = (by: -1 | 1) => {
    const next = value + by;
    show(next);
    if (by === -1 && next <= 1) later.current?.focus();
    if (by === 1 && next >= head) earlier.current?.focus();
  };

  return (
    <form
      method="get"
      className="version-picker"
      onSubmit={(event) => {
        event.preventDefault();
        show(value);
      }}
    >
      <button type="button" ref={earlier} onClick={() => step(-1)} disabled={value <= 1}>
        Earlier
      </button>
      <input
        type="range"
        name="at"
        min={1}
        max={head}
        value={value}
        aria-label="Version"
        aria-valuetext={`Version ${value} of ${head}`}
        onChange={(event) => show(Number(event.target.value))}
      />
      <button type="button" ref={later} onClick={() => step(1)} disabled={value >= head}>
        Later
      </button>
      <noscript>
        <button type="submit">Show</button>
      </noscript>
      <output aria-live="polite">{pending ? "Loading…" : `Version ${value} of ${head}`}</output>
    </form>
  );
}
