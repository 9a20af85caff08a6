import { utf8ToBytes } from '@noble/hashes/utils';
import { forkAll, labeled, leaf, type HashTree } from './hash-tree.js';
import { compareBytes } from './representation-hash.js';

export type Label = Uint8Array | string;

/**
 * The state tree as the spec describes it, labels to subtrees or values. Responses build a small one holding
 * exactly what a request may see, then turn it into a hash tree.
 */
export class LabeledTree {
  private readonly children = new Map<string, { label: Uint8Array; child: LabeledTree | Uint8Array }>();

  /** Sets the value at `path`, creating the subtrees on the way. */
  set(path: readonly Label[], value: Uint8Array): this {
    const [first, ...rest] = path;
    if (first === undefined) throw new Error('a value needs a non-empty path');
    const label = toLabel(first);
    const key = keyOf(label);
    if (rest.length === 0) {
      this.children.set(key, { label, child: value });
      return this;
    }
    const existing = this.children.get(key)?.child;
    const subtree = existing instanceof LabeledTree ? existing : new LabeledTree();
    this.children.set(key, { label, child: subtree });
    subtree.set(rest, value);
    return this;
  }

  /** Grafts a whole subtree at `path`. */
  graft(path: readonly Label[], subtree: LabeledTree): this {
    for (const [childPath, value] of subtree.entries()) this.set([...path, ...childPath], value);
    return this;
  }

  /** The subtree or value at `path`, if any. */
  lookup(path: readonly Label[]): LabeledTree | Uint8Array | undefined {
    let node: LabeledTree | Uint8Array = this;
    for (const label of path) {
      if (!(node instanceof LabeledTree)) return undefined;
      const next: LabeledTree | Uint8Array | undefined = node.children.get(keyOf(toLabel(label)))?.child;
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  /** A copy keeping only what lies under one of `paths` (a path may stop at a subtree or reach a value). */
  select(paths: readonly (readonly Label[])[]): LabeledTree {
    const selected = new LabeledTree();
    for (const path of paths) {
      const found = this.lookup(path);
      if (found instanceof LabeledTree) selected.graft(path, found);
      else if (found !== undefined) selected.set(path, found);
    }
    return selected;
  }

  /** Every value with its full path. */
  *entries(): Generator<[Uint8Array[], Uint8Array]> {
    for (const { label, child } of this.children.values()) {
      if (child instanceof LabeledTree) {
        for (const [path, value] of child.entries()) yield [[label, ...path], value];
      } else {
        yield [[label], child];
      }
    }
  }

  /** The hash tree with every label and value revealed, labels in byte order. */
  toHashTree(): HashTree {
    const sorted = [...this.children.values()].sort((a, b) => compareBytes(a.label, b.label));
    return forkAll(
      sorted.map(({ label, child }) => labeled(label, child instanceof LabeledTree ? child.toHashTree() : leaf(child))),
    );
  }
}

function toLabel(label: Label): Uint8Array {
  return typeof label === 'string' ? utf8ToBytes(label) : label;
}

function keyOf(label: Uint8Array): string {
  return Buffer.from(label).toString('hex');
}
