// A plan's conditions (json-rules-engine trees) in Chinese words, and what they give at a level when nothing else is known.

/** A condition tree as a plan file writes it. */
export type ConditionTree =
  | { all: ConditionTree[] }
  | { any: ConditionTree[] }
  | { not: ConditionTree }
  | { condition: string }
  | { fact: string; operator: string; value: unknown };

export interface ConditionVocabulary {
  /** The plan's named conditions (`conditions`), by name. */
  named: ReadonlyMap<string, unknown>;
  /** A fact's label (关注度), or the name itself. */
  factLabel(name: string): string;
  /** A value's label (高), or the value itself. */
  valueLabel(name: string, value: string): string;
}

/** Labels of the incident's state facts that conditions read (the shared indicators and flags come from planFacts). */
export const STATE_FACTS: Readonly<Record<string, string>> = {
  exercise: '演练',
  subsided: '已平息',
  endProposed: '已提出应急结束',
  ended: '应急已结束',
  warningInForce: '预警生效中',
  warningOutdated: '预警待调整',
  graded: '已定级',
  level: '级别',
  levelRank: '级别序号',
};

const COMPARE: Readonly<Record<string, string>> = { lessThan: '<', lessThanInclusive: '≤', greaterThan: '>', greaterThanInclusive: '≥' };

const MAX_DEPTH = 12;

function valueWords(vocabulary: ConditionVocabulary, fact: string, value: unknown): string {
  if (value === true) return '是';
  if (value === false) return '否';
  if (typeof value === 'string') return vocabulary.valueLabel(fact, value);
  return String(value);
}

/** One comparison in words: 关注度为极高或高, 级别序号 ≤ 2, 群体性事件为是. */
function factWords(vocabulary: ConditionVocabulary, fact: string, operator: string, value: unknown): string {
  const label = vocabulary.factLabel(fact);
  const values = (Array.isArray(value) ? value : [value]).map((v) => valueWords(vocabulary, fact, v));
  switch (operator) {
    case 'equal':
    case 'in':
      return `${label}为${values.join('或')}`;
    case 'notEqual':
    case 'notIn':
      return `${label}不为${values.join('、')}`;
    default:
      return `${label} ${COMPARE[operator] ?? operator} ${values.join('、')}`;
  }
}

/** A condition tree in words: `all` joined by 且, `any` by 或, `not` as 并非（…）, named conditions spelled out. */
export function conditionWords(tree: unknown, vocabulary: ConditionVocabulary, depth = 0, nested = false): string {
  if (depth > MAX_DEPTH || tree === null || typeof tree !== 'object') return '（无法解读的条件）';
  const node = tree as Record<string, unknown>;
  const group = (items: unknown, joiner: string): string => {
    const list = Array.isArray(items) ? items : [];
    if (list.length === 0) return joiner === '且' ? '（总是成立）' : '（从不成立）';
    const words = list.map((item) => conditionWords(item, vocabulary, depth + 1, list.length > 1));
    const text = words.join(joiner === '且' ? '，且' : '；或');
    return nested && list.length > 1 ? `（${text}）` : text;
  };
  if ('all' in node) return group(node.all, '且');
  if ('any' in node) return group(node.any, '或');
  if ('not' in node) return `并非（${conditionWords(node.not, vocabulary, depth + 1)}）`;
  if (typeof node.condition === 'string') {
    const named = vocabulary.named.get(node.condition);
    return named === undefined ? `〔${node.condition}〕` : conditionWords(named, vocabulary, depth + 1, nested);
  }
  if (typeof node.fact === 'string' && typeof node.operator === 'string') return factWords(vocabulary, node.fact, node.operator, node.value);
  return '（无法解读的条件）';
}

/** A level as conditions read it. */
export interface LevelFacts {
  level: string;
  levelRank: number;
}

function compare(operator: string, actual: string | number, value: unknown): boolean | null {
  const values = Array.isArray(value) ? value : [value];
  switch (operator) {
    case 'equal':
      return actual === value;
    case 'notEqual':
      return actual !== value;
    case 'in':
      return values.includes(actual);
    case 'notIn':
      return !values.includes(actual);
    case 'lessThan':
      return typeof value === 'number' && typeof actual === 'number' ? actual < value : null;
    case 'lessThanInclusive':
      return typeof value === 'number' && typeof actual === 'number' ? actual <= value : null;
    case 'greaterThan':
      return typeof value === 'number' && typeof actual === 'number' ? actual > value : null;
    case 'greaterThanInclusive':
      return typeof value === 'number' && typeof actual === 'number' ? actual >= value : null;
    default:
      return null;
  }
}

/**
 * Whether a condition holds at a level when only the level is known (three-valued): true, false, or null
 * when it depends on other facts of the incident (then the duty applies 视情况).
 */
export function holdsAtLevel(tree: unknown, level: LevelFacts, named: ReadonlyMap<string, unknown>, depth = 0): boolean | null {
  if (tree === undefined) return true;
  if (depth > MAX_DEPTH || tree === null || typeof tree !== 'object') return null;
  const node = tree as Record<string, unknown>;
  if ('all' in node) {
    const results = (Array.isArray(node.all) ? node.all : []).map((item) => holdsAtLevel(item, level, named, depth + 1));
    return results.includes(false) ? false : results.includes(null) ? null : true;
  }
  if ('any' in node) {
    const results = (Array.isArray(node.any) ? node.any : []).map((item) => holdsAtLevel(item, level, named, depth + 1));
    return results.includes(true) ? true : results.includes(null) ? null : false;
  }
  if ('not' in node) {
    const result = holdsAtLevel(node.not, level, named, depth + 1);
    return result === null ? null : !result;
  }
  if (typeof node.condition === 'string') return named.has(node.condition) ? holdsAtLevel(named.get(node.condition), level, named, depth + 1) : null;
  if (node.fact === 'levelRank' && typeof node.operator === 'string') return compare(node.operator, level.levelRank, node.value);
  if (node.fact === 'level' && typeof node.operator === 'string') return compare(node.operator, level.level, node.value);
  if (node.fact === 'graded' && node.operator === 'equal') return node.value === true;
  return null;
}
