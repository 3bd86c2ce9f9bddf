// The extension's read-only documents (a membership's details, a bulk preview, a sync plan, the
// history) open rendered, in VS Code's built-in Markdown preview: a webview that code-server
// nests in two iframes, the outer one loaded for the extension `vscode.markdown-language-features`.
import type { FrameLocator, Page } from 'playwright-core';
import { poll } from './workbench';

/** The Markdown preview on screen (not the Jobs panel, also a webview). */
export function markdownPreview(page: Page): FrameLocator {
  return page.locator('iframe.webview.ready[src*="markdown-language-features"]').filter({ visible: true }).first()
    .contentFrame().frameLocator('iframe#active-frame');
}

/** Waits until the preview on screen shows a first heading matching `heading`, and returns the preview. */
export async function waitForMarkdownPreview(page: Page, heading: RegExp, timeout = 30_000): Promise<FrameLocator> {
  const preview = markdownPreview(page);
  await poll(async () => (heading.test(await preview.locator('h1').first().innerText({ timeout: 1000 })) ? true : undefined), `a Markdown preview headed ${heading}`, timeout);
  return preview;
}

/**
 * What in the rendered document is markup that outside text could have formed: links (any href),
 * images, scripts, iframes, code, emphasis and other inline HTML. The preview's own scripts are
 * outside the document (`.markdown-body`); a fenced code block (`pre`, with its copy button)
 * renders nothing of its text.
 */
export async function hostileMarkupIn(preview: FrameLocator): Promise<string[]> {
  return preview.locator('.markdown-body').evaluate((body) => {
    type Element = { tagName: string; outerHTML: string; closest(selector: string): unknown };
    const found: string[] = [];
    for (const element of Array.from((body as unknown as { querySelectorAll(s: string): ArrayLike<Element> })
      .querySelectorAll('a[href], img, script, style, iframe, object, embed, code, strong, em, b, i, u, s, del, kbd, details, input, button, svg, video, audio'))) {
      if (element.closest('pre')) continue;
      found.push(element.outerHTML.slice(0, 200));
    }
    return found;
  });
}

/** The rows of the preview's tables, each as its cells' texts (header rows included). */
export async function tableRowsIn(preview: FrameLocator): Promise<string[][]> {
  return preview.locator('table tr').evaluateAll((rows) => rows.map((row) =>
    Array.from((row as unknown as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('th, td'), (cell) => cell.textContent ?? '')));
}

/** The text of the preview's body, as the reader sees it. */
export async function previewText(preview: FrameLocator): Promise<string> {
  return preview.locator('body').innerText();
}
