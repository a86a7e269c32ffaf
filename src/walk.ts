// Walking a plan's tree without writing the recursion each time: every node with its path of numbers and its
// printed label, and every task with the node it belongs to. Iterative, so a deep tree cannot overflow the stack.
import type { PlanDocument, PlanNode, Task } from "./schema.js";

export interface NodeVisit {
  node: PlanNode;
  /** The parent node, null at the top. */
  parent: PlanNode | null;
  /** Depth from the top, 0 for a top-level node. */
  depth: number;
}

export interface TaskVisit {
  task: Task;
  node: PlanNode;
}

/** Every node of the document in document order (a node before its children). */
export function* eachNode(doc: Pick<PlanDocument, "outline">): Generator<NodeVisit> {
  const stack: NodeVisit[] = [];
  for (let i = doc.outline.length - 1; i >= 0; i--) stack.push({ node: doc.outline[i]!, parent: null, depth: 0 });
  while (stack.length > 0) {
    const visit = stack.pop()!;
    yield visit;
    const children = visit.node.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, parent: visit.node, depth: visit.depth + 1 });
  }
}

/** Every task of the document in document order, with its node. */
export function* eachTask(doc: Pick<PlanDocument, "outline">): Generator<TaskVisit> {
  for (const { node } of eachNode(doc)) for (const task of node.tasks) yield { task, node };
}
