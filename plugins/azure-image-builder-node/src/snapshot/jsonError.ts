/*
 * Turns a JSON.parse failure into "what, at line L column C" without quoting the input: V8 puts a
 * snippet of the text into some messages, and a snapshot may hold secrets (SAS tokens).
 */

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

function literalAt(text: string, at: number): string | undefined {
  return ['true', 'false', 'null'].find(l => text.startsWith(l, at));
}

/**
 * The offset of the first character that makes `text` invalid JSON (`text.length` when it ends too
 * soon), or `undefined` when it is valid. Iterative, so deep nesting cannot overflow the stack.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const n = text.length;
  const stack: string[] = [];
  let i = 0;
  let state: 'value' | 'valueOrEnd' | 'key' | 'keyOrEnd' | 'after' = 'value';

  // Returns the offset of an error inside the string starting at `i`, or undefined (and moves i).
  const scanString = (): number | undefined => {
    i++;
    while (i < n) {
      const c = text[i];
      if (c === '"') {
        i++;
        return undefined;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          HEX4.lastIndex = i + 2;
          if (!HEX4.test(text)) return i;
          i += 6;
        } else if (e !== undefined && ESCAPES.has(e)) {
          i += 2;
        } else {
          return i;
        }
      } else if (c < ' ') {
        return i;
      } else {
        i++;
      }
    }
    return n;
  };

  for (;;) {
    while (i < n && WHITESPACE.has(text[i])) i++;
    if (i >= n) return state === 'after' && stack.length === 0 ? undefined : n;
    const c = text[i];
    if (state === 'valueOrEnd' && c === ']') {
      stack.pop();
      i++;
      state = 'after';
      continue;
    }
    if (state === 'keyOrEnd' && c === '}') {
      stack.pop();
      i++;
      state = 'after';
      continue;
    }
    if (state === 'value' || state === 'valueOrEnd') {
      if (c === '{') {
        stack.push('}');
        i++;
        state = 'keyOrEnd';
      } else if (c === '[') {
        stack.push(']');
        i++;
        state = 'valueOrEnd';
      } else if (c === '"') {
        const e = scanString();
        if (e !== undefined) return e;
        state = 'after';
      } else {
        const literal = literalAt(text, i);
        if (literal) {
          i += literal.length;
        } else {
          NUMBER.lastIndex = i;
          const m = NUMBER.exec(text);
          if (!m) return i;
          i += m[0].length;
        }
        state = 'after';
      }
      continue;
    }
    if (state === 'key' || state === 'keyOrEnd') {
      if (c !== '"') return i;
      const e = scanString();
      if (e !== undefined) return e;
      while (i < n && WHITESPACE.has(text[i])) i++;
      if (i >= n) return n;
      if (text[i] !== ':') return i;
      i++;
      state = 'value';
      continue;
    }
    // state === 'after'
    if (stack.length === 0) return i;
    const close = stack[stack.length - 1];
    if (c === ',') {
      i++;
      state = close === '}' ? 'key' : 'value';
    } else if (c === close) {
      stack.pop();
      i++;
    } else {
      return i;
    }
  }
}

/** 1-based line and column of an offset. */
export function lineAndColumn(
  text: string,
  offset: number,
): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * `Unexpected token 'x' at line 3 column 5`: V8's reason without its snippet of the input, with our
 * own position.
 */
export function describeJsonError(text: string, error: unknown): string {
  let reason =
    error instanceof Error && error.message ? error.message : String(error);
  // Drop `, "<snippet>" is not valid JSON` and V8's position: we add ours.
  reason = reason.replace(/,\s*".*" is not valid JSON$/s, '');
  reason = reason.replace(/\s*(?:in JSON )?at position \d+.*$/s, '');
  reason = reason.replace(/\s*\(line \d+ column \d+\)$/, '');
  if (reason.length > 120) reason = `${reason.slice(0, 120)}…`;
  const offset = jsonErrorOffset(text);
  if (offset === undefined) return reason;
  const { line, column } = lineAndColumn(text, offset);
  return `${reason} at line ${line} column ${column}`;
}
