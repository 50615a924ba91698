// Text a person wrote (a description, a comment) as they wrote it: its line breaks kept and its
// web addresses made links — never as HTML. React escapes every piece; only http(s) addresses
// become links, so a `javascript:` text stays text. Renders on the server and in the browser.
import { Fragment } from "react";

// An address runs to the next white space; trailing punctuation is the sentence's, not the link's.
const ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
const TRAILING = /[.,;:!?)\]}'"»”’]+$/;

function linked(line: string, key: string) {
  const parts: React.ReactNode[] = [];
  let last = 0;
  for (const match of line.matchAll(ADDRESS)) {
    const start = match.index ?? 0;
    const raw = match[0];
    const address = raw.replace(TRAILING, "");
    if (start > last) parts.push(line.slice(last, start));
    const href = address.toLowerCase().startsWith("www.") ? `https://${address}` : address;
    parts.push(
      <a key={`${key}-${start}`} href={href} rel="noopener noreferrer nofollow ugc" target="_blank">
        {address}
      </a>,
    );
    last = start + address.length;
  }
  if (last < line.length) parts.push(line.slice(last));
  return parts;
}

export function FormattedText({ text, className }: { text: string; className?: string }) {
  const lines = text.split("\n");
  return (
    <div className={className ? `formatted ${className}` : "formatted"}>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one text, in order, never reordered
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {linked(line, String(index))}
        </Fragment>
      ))}
    </div>
  );
}
