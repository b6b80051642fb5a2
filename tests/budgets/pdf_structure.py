"""The tag tree of a PDF, read back with poppler's `pdfinfo -struct` (or `-struct-text`), for
tests that a PDF is still a tagged document a screen reader can follow: tables with header
cells, every data cell pointing at its column header."""

import subprocess
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Node:
    label: str
    attributes: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    children: list["Node"] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, label: str) -> list["Node"]:
        return [node for node in self.walk() if node.label == label]

    @property
    def text(self) -> str:
        return " ".join(text for node in self.walk() for text in node.texts)


def tag_tree(pdf: bytes, tmp_path: Path, with_text: bool = False) -> Node:
    """The PDF's structure tree; empty (no children) when the PDF is not tagged."""
    path = tmp_path / "tags.pdf"
    path.write_bytes(pdf)
    option = "-struct-text" if with_text else "-struct"
    lines = subprocess.run(
        ["pdfinfo", option, str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    root = Node("root")
    stack: list[tuple[int, Node]] = [(-1, root)]
    for line in lines:
        content = line.strip()
        if not content:
            continue
        depth = len(line) - len(line.lstrip())
        if content.startswith("/"):
            stack[-1][1].attributes.append(content)
        elif content.startswith('"'):
            stack[-1][1].texts.append(content.strip('"'))
        else:
            while stack[-1][0] >= depth:
                stack.pop()
            node = Node(content.split()[0].rstrip(":"))
            stack[-1][1].children.append(node)
            stack.append((depth, node))
    return root


def body_rows(tree: Node, cells: int) -> list[list[Node]]:
    """The cells of every body row, across all tables, that has exactly `cells` data cells."""
    rows = []
    for body in tree.find("TBody"):
        for row in body.children:
            tds = [cell for cell in row.children if cell.label == "TD"]
            if row.label == "TR" and len(tds) == cells:
                rows.append(tds)
    return rows
