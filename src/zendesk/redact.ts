const REDACTED = '«redacted»';

// Shapes that carry credentials whatever their value: auth headers, Basic pairs, OAuth fields.
const SECRET_SHAPES: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  [/\/token:[^\s"'&]+/gi, `/token:${REDACTED}`],
  [/\b(access_token|refresh_token|client_secret|code_verifier|api_token|token|password)(["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, `$1$2${REDACTED}`],
  [/([?&]code=)[^\s"'&]+/gi, `$1${REDACTED}`],
];

/**
 * Removes credentials from any text that may reach a log, an error or the UI. Exact secrets are
 * registered as they are used; the shapes catch values we never saw (e.g. echoed by a server).
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(...secrets: string[]): void {
    for (const secret of secrets) {
      // Very short values would redact ordinary words; real tokens are long.
      if (secret && secret.length >= 6) {
        this.secrets.add(secret);
      }
    }
  }

  redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) {
      if (result.includes(secret)) {
        result = result.split(secret).join(REDACTED);
      }
    }
    for (const [shape, replacement] of SECRET_SHAPES) {
      result = result.replace(shape, replacement);
    }
    return result;
  }
}
