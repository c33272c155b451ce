/*
 * Secret detection. Each detector returns the character ranges of secret values in a text (never the
 * values themselves to the outside world): `redactString` replaces them, `findSecrets` only reports
 * them. Keeping one list of detectors means the no-embedded-secrets rule and redaction always agree.
 *
 * Precision matters as much as recall: a false positive fails a rule. So values that are references
 * (`$env:X`, `$VAR`, `%VAR%`, `[parameters('x')]`, `{{ x }}`, `<placeholder>`) are never secrets,
 * and ambiguous short options (`-p` is a port or `mkdir -p` almost everywhere) are only read for
 * the commands where they mean a password. Every regex is linear: inputs are untrusted.
 */

/** What kind of secret was found. @public */
export type SecretKind = 'sas' | 'inline-secret';

/** A secret found in a text: what it is, never its value. @public */
export interface SecretFinding {
  kind: SecretKind;
  /** A short description, e.g. `SAS signature (sig=)` or `password assignment`. */
  description: string;
}

/** @internal */
export interface SecretRange extends SecretFinding {
  start: number;
  end: number;
}

/** The replacement of every secret value. @public */
export const REDACTED = '[REDACTED]';

type Detector = (text: string) => SecretRange[];

/** Values that name a secret instead of holding it. */
export function isReference(value: string): boolean {
  const v = value.trim();
  if (v.length === 0) return true;
  if (v === REDACTED) return true;
  // `$env:X`, `$VAR`, `${VAR}`, `$(cmd)`; `%VAR%`; ARM `[parameters('x')]`; `(expr)`; `{{ x }}`;
  // `<placeholder>`; `` `cmd` ``; `@file`.
  if (/^[$%[({<`@]/.test(v)) return true;
  return false;
}

const CMDLET_VALUE =
  /^(?:Get|Read|ConvertTo|ConvertFrom|New|Import|Export|Invoke|Select|Join|Out|Format|Find|Resolve|Request|Receive|Unprotect)-[A-Za-z]+$/i;
const LITERAL_WORD = /^(?:true|false|null|none|undefined|yes|no|\*+)$/i;

/** One of the quoted or unquoted values, with the range of its content. */
function valueRange(
  match: RegExpExecArray,
  groups: number[],
): { value: string; start: number; end: number } | undefined {
  const indices = match.indices!;
  for (const g of groups) {
    const range = indices[g];
    if (range && match[g] !== undefined) {
      return { value: match[g], start: range[0], end: range[1] };
    }
  }
  return undefined;
}

function regexDetector(
  pattern: RegExp,
  kind: SecretKind,
  description: string,
  groups: number[],
  accept: (value: string, match: RegExpExecArray) => boolean = v =>
    !isReference(v),
): Detector {
  // One compiled pattern per detector: `lastIndex` is reset before each use (detectors never
  // run inside one another), so no regex is built per call.
  const re = pattern;
  return text => {
    const out: SecretRange[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex++;
      const v = valueRange(m, groups);
      if (v && v.end > v.start && accept(v.value, m)) {
        out.push({ kind, description, start: v.start, end: v.end });
      }
    }
    return out;
  };
}

// A value after `=` / whitespace: single-quoted (PowerShell `''` escape), double-quoted (backslash
// or backtick escapes), or a bare word.
const QUOTED_OR_BARE = String.raw`'((?:[^'\n]|'')*)'|"((?:[^"\\\x60\n]|[\\\x60].)*)"|([^\s'"\x60;&|<>]+)`;
const QUOTED = String.raw`'((?:[^'\n]|'')*)'|"((?:[^"\\\x60\n]|[\\\x60].)*)"`;

/** SAS signature: the value of a `sig` query parameter, also URL-encoded or HTML-escaped. */
const sasSignature = regexDetector(
  /(?:[?&;]|%26|%3f)sig(?:=|%3d)((?:(?!%26)[^&#\s"'<>;,)\]}\\`])+)/dgi,
  'sas',
  'SAS signature (sig=)',
  [1],
  // A real signature is base64: `[` starts `[REDACTED]` or an ARM expression.
  v => !v.startsWith('['),
);

/** A PEM private key block (also when truncated). */
const privateKey = regexDetector(
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----([\s\S]*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/dg,
  'inline-secret',
  'private key',
  [1],
  v => v.trim().length > 0 && v.trim() !== REDACTED,
);

/** Tokens whose prefix says what they are (GitHub, GitLab) and JSON Web Tokens. */
const wellKnownToken = regexDetector(
  /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,}|eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+)/dg,
  'inline-secret',
  'access token',
  [1],
  () => true,
);

/** `https://user:password@host`. */
const urlCredentials = regexDetector(
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:'"]+:([^\s/?#@'"]+)@/dgi,
  'inline-secret',
  'password in a URL',
  [1],
);

/** `Authorization: Bearer …`, `Authorization = 'Basic …'` and API key headers. */
const authorizationHeader = regexDetector(
  /\b(?:Proxy-)?Authorization["']?\s*[:=]\s*["']?(?:(?:Bearer|Basic|Token|SharedKey|SharedAccessSignature|Digest)\s+)?([^\s"'`,;]+)/dgi,
  'inline-secret',
  'authorization header',
  [1],
);
const apiKeyHeader = regexDetector(
  /\b(?:X-Api-Key|Api-Key|Ocp-Apim-Subscription-Key|X-Functions-Key|X-Auth-Token|Private-Token)["']?\s*:\s*["']?([^\s"'`,;]+)/dgi,
  'inline-secret',
  'API key header',
  [1],
);

/** A bearer token in free text; requires a token-like value so "Bearer authentication" is not one. */
const bearerToken = regexDetector(
  /\bBearer\s+([A-Za-z0-9\-._~+/]{20,}=*)/dg,
  'inline-secret',
  'bearer token',
  [1],
  v => /\d/.test(v) && /[A-Za-z]/.test(v),
);

const SECURE_STRING_STATEMENT = /ConvertTo-SecureString\b([^;|\r\n]*)/gi;
const SECURE_STRING_LITERAL = new RegExp(
  String.raw`${QUOTED}|(?:^|\s)-String\s+([^\s'"$(\x60-][^\s]*)|^\s+([^\s'"$(\x60-][^\s]*)`,
  'dg',
);

/** `ConvertTo-SecureString 'literal' -AsPlainText`: every literal of the statement. */
const convertToSecureString: Detector = text => {
  const out: SecretRange[] = [];
  const statement = SECURE_STRING_STATEMENT;
  statement.lastIndex = 0;
  for (let m = statement.exec(text); m; m = statement.exec(text)) {
    const args = m[1];
    if (!/-AsPlainText\b/i.test(args)) continue;
    const argsStart = m.index + m[0].length - args.length;
    const literal = SECURE_STRING_LITERAL;
    literal.lastIndex = 0;
    for (let l = literal.exec(args); l; l = literal.exec(args)) {
      const v = valueRange(l, [1, 2, 3, 4]);
      if (v && !isReference(v.value)) {
        out.push({
          kind: 'inline-secret',
          description: 'ConvertTo-SecureString -AsPlainText literal',
          start: argsStart + v.start,
          end: argsStart + v.end,
        });
      }
    }
  }
  return out;
};

function optionValueAccepted(v: string): boolean {
  return !isReference(v) && !v.startsWith('-');
}

/** `--password x`, `--client-secret=x`, `--sas-token "x"`. */
const longOption = regexDetector(
  new RegExp(
    String.raw`(?<![\w-])--(?:password|passwd|pwd|secret|token|api-?key|access-?key|account-?key|client-?secret|sas-?token|auth-?token)(?:=|[ \t]+)(?:${QUOTED_OR_BARE})`,
    'dgi',
  ),
  'inline-secret',
  'password option',
  [1, 2, 3],
  optionValueAccepted,
);

/** PowerShell parameters: `-Password 'x'`, `-AccountKey:x`. */
const powerShellParameter = regexDetector(
  new RegExp(
    String.raw`(?<![\w-])-(?:Password|PlainPassword|Secret|ClientSecret|Token|ApiKey|AccessKey|AccountKey|StorageAccountKey|SasToken|PersonalAccessToken)(?::|[ \t]+)(?:${QUOTED_OR_BARE})`,
    'dgi',
  ),
  'inline-secret',
  'password parameter',
  [1, 2, 3],
  optionValueAccepted,
);

/**
 * Short password options, only for the commands where they mean a password (`-p` is a port for
 * ssh/psql and "parents" for mkdir). Read per statement.
 */
const SHORT_OPTIONS: Array<{ command: RegExp; option: RegExp }> = [
  // mysql: only the attached form; `-p secret` prompts and names a database.
  {
    command: /\b(?:mysql|mysqldump|mysqladmin|mariadb|mariadb-dump)\b/i,
    option: new RegExp(String.raw`(?<![\w-])-p(?:${QUOTED_OR_BARE})`, 'dg'),
  },
  {
    command:
      /\b(?:sshpass|docker\s+login|podman\s+login|helm\s+registry\s+login|az\s+login)\b/i,
    option: new RegExp(
      String.raw`(?<![\w-])-p(?:[ \t]*)(?:${QUOTED_OR_BARE})`,
      'dg',
    ),
  },
  {
    command: /\bsqlcmd\b/i,
    option: new RegExp(
      String.raw`(?<![\w-])-P(?:[ \t]*)(?:${QUOTED_OR_BARE})`,
      'dg',
    ),
  },
];
const STATEMENT = /[^;&|\r\n]+/g;

const shortOption: Detector = text => {
  const out: SecretRange[] = [];
  const statement = STATEMENT;
  statement.lastIndex = 0;
  for (let s = statement.exec(text); s; s = statement.exec(text)) {
    for (const { command, option } of SHORT_OPTIONS) {
      if (!command.test(s[0])) continue;
      const re = option;
      re.lastIndex = 0;
      for (let m = re.exec(s[0]); m; m = re.exec(s[0])) {
        const v = valueRange(m, [1, 2, 3]);
        if (v && v.end > v.start && optionValueAccepted(v.value)) {
          out.push({
            kind: 'inline-secret',
            description: 'password option',
            start: s.index + v.start,
            end: s.index + v.end,
          });
        }
      }
    }
  }
  return out;
};

/** `net user <name> <password> /add`. */
const netUser = regexDetector(
  /\bnet(?:\.exe)?[ \t]+user[ \t]+(?:"[^"\n]*"|[^\s"]+)[ \t]+(?:"((?:[^"\n])*)"|([^\s"/*][^\s]*))/dgi,
  'inline-secret',
  'net user password',
  [1, 2],
);

/** `echo 'user:password' | chpasswd`. */
const chpasswd = regexDetector(
  /\becho[ \t]+(?:-e[ \t]+)?(['"]?)[^\s:'"]+:([^\s'"]+)\1[ \t]*\|[ \t]*(?:sudo[ \t]+)?chpasswd\b/dg,
  'inline-secret',
  'chpasswd password',
  [2],
);

const SECRET_NAME = String.raw`[A-Za-z0-9_]*?(?:password|passwd|pwd|secret|token|api_?key|key)`;

function acceptAssignment(
  name: string,
  value: string,
  quoted: boolean,
): boolean {
  if (isReference(value)) return false;
  const n = name.replace(/^\$/, '').toLowerCase();
  if (/public_?key$/.test(n)) return false;
  // Paging cursors (`$skipToken=3` in ARM `nextLink`s) are not credentials.
  if (/(?:skip|continuation|next|page)_?token$/.test(n)) return false;
  if (!quoted && (CMDLET_VALUE.test(value) || LITERAL_WORD.test(value))) {
    return false;
  }
  // `PWD=/home/x` is the working directory, not a password.
  if ((n === 'pwd' || n === 'oldpwd') && /^[/~.]/.test(value)) return false;
  if (n === 'key') {
    // A bare `key` is a registry key (`$key = 'HKLM:\…'`), a path or a counter as often as a secret.
    if (/^HK(?:LM|CU|CR|U|CC|EY_)/i.test(value)) return false;
    if (/^(?:[/\\~.]|[A-Za-z]:\\)/.test(value)) return false;
    if (/^\d+$/.test(value)) return false;
  }
  return true;
}

/**
 * `password=x`, `$adminPassword = 'x'`, `export API_TOKEN="x"`, `"clientSecret": "x"`,
 * `AccountKey=x;` in connection strings. After `:` only a quoted value counts (`Token: expired` in
 * an echo is prose).
 */
const ASSIGNMENT = new RegExp(
  // Not after `-`: `skip-token=2` is a parameter name's tail; `--token` and `-Token` are options.
  String.raw`(?<![A-Za-z0-9_-])(\$?${SECRET_NAME})["']?[ \t]*(?:(:?=(?![=>~]))[ \t]*(?:${QUOTED_OR_BARE})|:(?![:=\\/])[ \t]*(?:${QUOTED}))`,
  'dgi',
);

const assignment: Detector = text => {
  const out: SecretRange[] = [];
  const re = ASSIGNMENT;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const v = valueRange(m, [3, 4, 5, 6, 7]);
    if (!v || v.end <= v.start) continue;
    const quoted = m[5] === undefined;
    // `"key": "owner"` is a key/value list in JSON far more often than a secret.
    const colonBareKey =
      m[2] === undefined && m[1].replace(/^\$/, '').toLowerCase() === 'key';
    if (!colonBareKey && acceptAssignment(m[1], v.value, quoted)) {
      out.push({
        kind: 'inline-secret',
        description: 'secret assignment',
        start: v.start,
        end: v.end,
      });
    }
  }
  return out;
};

/** A whole `key: value` YAML line (cloud-init, config files written inline). */
const yamlSecret = regexDetector(
  /^[ \t]*(?:-[ \t]+)?[A-Za-z0-9_]*?(?:password|passwd|secret|token|api_?key)[ \t]*:[ \t]+([^\s'"#|>&*!][^\r\n#]*?)[ \t]*$/dgim,
  'inline-secret',
  'secret assignment',
  [1],
  v => !isReference(v) && !LITERAL_WORD.test(v),
);

/**
 * The words that let detectors find something: each detector's pattern cannot match a text
 * without one of its words (case-insensitively). One pass over a text finds the words it holds, so
 * a text with none (most ids, names, plain commands) skips every detector, and one with a few
 * (`Microsoft.Authorization`, `assignment`, `mkdir -p`) runs only the detectors they enable. No
 * two words can start at the same place, so stepping one character past each match finds them
 * all. A new detector must add its word, or share one.
 */
const WORDS =
  /(sig)|(begin)|(gh[pousr]_|github_pat_|glpat-|eyj)|(@)|(authorization)|(bearer)|(convertto-securestring)|(-p)|(\bnet(?:\.exe)?[ \t]+user)|(pass|pwd|secret|token|key)/gi;

/**
 * The detectors, in the order their findings are merged, each with the word groups of
 * {@link WORDS} that enable it (bit `n` for group `n`).
 */
const DETECTORS: ReadonlyArray<{ words: number; detect: Detector }> = [
  { words: 1 << 1, detect: sasSignature },
  // `-----BEGIN `, `ghp_…`, `Bearer`: case-sensitive patterns, enabled by any casing of the word.
  { words: 1 << 2, detect: privateKey },
  { words: 1 << 3, detect: wellKnownToken },
  { words: 1 << 4, detect: urlCredentials },
  { words: 1 << 5, detect: authorizationHeader },
  // `X-Api-Key`, `X-Auth-Token`…: `key` or `token`.
  { words: 1 << 10, detect: apiKeyHeader },
  { words: 1 << 6, detect: bearerToken },
  { words: 1 << 7, detect: convertToSecureString },
  // `--password`, `--api-key`, `--sas-token`…: every option name holds a word of group 10.
  { words: 1 << 10, detect: longOption },
  { words: 1 << 10, detect: powerShellParameter },
  { words: 1 << 8, detect: shortOption },
  { words: 1 << 9, detect: netUser },
  // `chpasswd` holds `pass`.
  { words: 1 << 10, detect: chpasswd },
  { words: 1 << 10, detect: assignment },
  { words: 1 << 10, detect: yamlSecret },
];

const WORD_GROUPS = 10;
const ALL_WORDS = ((1 << (WORD_GROUPS + 1)) - 1) & ~1;

/** The word groups `text` holds, as bits (see {@link WORDS}). */
function wordsIn(text: string): number {
  let found = 0;
  const re = WORDS;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    for (let g = 1; g <= WORD_GROUPS; g++) {
      if (m[g] !== undefined) {
        found |= 1 << g;
        break;
      }
    }
    if (found === ALL_WORDS) break;
    // A word may start inside this one (`-password`: `-p`, then `pass`).
    re.lastIndex = m.index + 1;
  }
  return found;
}

function collectRanges(text: string, words: number): SecretRange[] {
  const ranges: SecretRange[] = [];
  for (const { words: enabling, detect } of DETECTORS) {
    if (words & enabling) ranges.push(...detect(text));
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: SecretRange[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
    } else {
      merged.push({ ...r });
    }
  }
  return merged;
}

/**
 * Every secret range in `text`, sorted and merged (overlapping findings of two detectors are one
 * secret, reported with the kind of the first).
 * @internal
 */
export function detectSecretRanges(text: string): SecretRange[] {
  const words = wordsIn(text);
  return words === 0 ? [] : collectRanges(text, words);
}

/**
 * {@link detectSecretRanges} running every detector, whatever words the text holds: what the
 * words must never change (tested).
 * @internal
 */
export function detectSecretRangesWithEveryDetector(
  text: string,
): SecretRange[] {
  return collectRanges(text, ALL_WORDS);
}
