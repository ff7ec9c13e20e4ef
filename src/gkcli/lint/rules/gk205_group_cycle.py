"""## 作用
检查分组之间的包含关系没有循环：分组 A 包含分组 B，B 又（直接或间接）包含 A。

## 为什么
循环的分组展开不出确定的成员：任务派给它时，gk 无法知道到底是哪些单位负责。

## 错误示例
```yaml
groups:
  - name: 先行单位
    members: [县财政局, 试点单位]
  - name: 试点单位
    members: [先行单位]
```

## 正确示例
```yaml
groups:
  - name: 先行单位
    members: [县财政局, 试点单位]
  - name: 试点单位
    members: [县民政局]
```

## 修复
删去造成循环的那个成员（提示中的那一环：`gk lint --base`、`--staged` 时是本次改动加上的那一环，否则是最后一环），让分组只包含单位或更小的分组。不能自动修复。
"""

from __future__ import annotations

from typing import Iterator

from ...findings import Finding

CODE = "GK205"
NAME = "group-cycle"
SEVERITY = "error"
SUMMARY = "分组之间循环包含"
FIXABLE = False


def check(ctx) -> Iterator[Finding]:
    groups = {}
    for g in ctx.repo.groups:
        groups.setdefault(g.name, g)
    edges: dict[str, list[tuple[str, int]]] = {}
    for name, g in groups.items():
        if isinstance(g.members, list):
            for j, m in enumerate(g.members):
                r = ctx.resolve(m)
                if r.is_group and r.name in groups:
                    edges.setdefault(name, []).append((r.name, j))
    old_edges = _base_edges(ctx, groups, edges)
    seen_cycles: set[frozenset] = set()
    state: dict[str, int] = {}  # 1: on the stack, 2: done

    for root in groups:  # depth first without recursion: a chain of thousands of groups is data, not a crash
        if state.get(root) is not None:
            continue
        state[root] = 1
        stack, todo = [root], [iter(edges.get(root, ()))]
        while todo:
            node = stack[-1]
            for nxt, j in todo[-1]:
                if state.get(nxt) == 1:
                    cycle = stack[stack.index(nxt):] + [nxt]
                    key = frozenset(cycle)
                    if key not in seen_cycles:
                        seen_cycles.add(key)
                        a, b, k = node, nxt, j
                        if old_edges is not None:  # --base: the link the change added is the one to take out
                            for x, y in zip(cycle, cycle[1:]):
                                if (x, y) not in old_edges:
                                    a, b, k = x, y, next(i for t, i in edges[x] if t == y)
                                    break
                        g = groups[a]
                        yield ctx.finding(
                            g.file, g.path + ("members", k),
                            "分组循环包含：" + " → ".join(cycle),
                            f"从分组“{a}”的成员中删去“{b}”，或改写为具体单位",
                        )
                elif state.get(nxt) is None:
                    state[nxt] = 1
                    stack.append(nxt)
                    todo.append(iter(edges.get(nxt, ())))
                    break
            else:
                state[stack.pop()] = 2
                todo.pop()


def _base_edges(ctx, groups: dict, edges: dict) -> set[tuple[str, str]] | None:
    """Pull-request mode: the group → member links the base had already (those of files the change left
    alone, and of the edited files as --base wrote them); None when not a pull request."""
    if ctx.changes is None:
        return None
    out = set()
    for name, targets in edges.items():
        file = groups[name].file
        if file not in ctx.changes:
            out.update((name, t) for t, _ in targets)
        elif isinstance(data := ctx.base_units.get(file), dict) and isinstance(data.get("groups"), list):
            for g in data["groups"]:
                members = g.get("members") if isinstance(g, dict) else None
                if g.get("name") == name and isinstance(members, list):
                    out.update((name, r.name) for m in members if isinstance(m, str) and (r := ctx.resolve(m)).is_group)
    return out
