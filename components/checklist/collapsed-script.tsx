/** Shared by the server page (the script) and the client hook (components/checklist/collapsed-sections.ts). */
export const PREFIX = "preflight.checklist.collapsed:";
export const COLLAPSED_STYLE_ID = "checklist-collapsed-before-hydration";

const js = (v: string) => JSON.stringify(v).replace(/</g, "\\u003c");

/**
 * The script that runs before the checklist is parsed: a style rule hides each folded section's items and
 * turns its chevron, so the page never shows them open first. `slug` is JSON-encoded with `<` escaped.
 */
function scriptFor(slug: string): string {
  return `(function(){try{var p=${js(`${PREFIX}${slug}:`)},r=[];for(var i=0;i<localStorage.length;i++){var k=localStorage.key(i);if(k&&k.indexOf(p)===0){var q=JSON.stringify(k.slice(p.length));r.push('[data-section-body='+q+']{display:none}[data-section-toggle='+q+'] [data-chevron]{transform:rotate(-90deg)}')}}if(r.length){var e=document.createElement("style");e.id=${js(COLLAPSED_STYLE_ID)};e.textContent=r.join("");document.head.appendChild(e)}}catch(_){}})();`;
}

/** Rendered by the page just before the checklist, so it runs before the sections are parsed. */
export function CollapsedSectionsScript({ slug }: { slug: string }) {
  return <script dangerouslySetInnerHTML={{ __html: scriptFor(slug) }} />;
}
