"""FrameworkReferenceDialog: the project's framework — types, mechanisms, definitions."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from workbench.framework import Framework


def framework_html(fw: Framework) -> str:
    """HTML built only from escaped text: nothing in the data is read as markup."""
    parts = [f"<h2>{escape(fw.title)}</h2>"]
    cite = fw.citation
    authors = ", ".join(a.get("family", "") for a in cite.get("author", []))
    parts.append(
        f"<p><i>{escape(authors)}, “{escape(cite.get('title', ''))}”, "
        f"{escape(cite.get('container-title', ''))}.</i></p>"
    )
    parts.append("<table border='1' cellpadding='6' cellspacing='0' width='100%'>")
    parts.append(f"<tr><th></th><th colspan='2'>{escape(fw.column_label)}</th></tr>")
    parts.append(
        "<tr><th></th>" + "".join(f"<th>{escape(c['label'])}</th>" for c in fw.columns) + "</tr>"
    )
    for row in fw.rows:
        cells = []
        for column in fw.columns:
            pt = fw.at(row["id"], column["id"])
            items = "".join(f"<li>{escape(m.label)}</li>" for m in pt.mechanisms)
            cells.append(f"<td valign='top'><b>{escape(pt.name)}</b><ul>{items}</ul></td>")
        parts.append(f"<tr><th>{escape(row['label'])}</th>{''.join(cells)}</tr>")
    parts.append("</table>")
    for pt in fw.power_types:
        parts.append(f"<h3>{escape(pt.name)}</h3><p>{escape(pt.definition)}</p>")
        if pt.quotation:
            parts.append(
                f"<blockquote>“{escape(pt.quotation)}” ({escape(pt.locator)})</blockquote>"
            )
        parts.append("<dl>")
        for m in pt.mechanisms:
            own = " (added in this project)" if m.custom else ""
            parts.append(
                f"<dt><b>{escape(m.label)}</b>{own} — effect on {escape(m.effect)}</dt>"
                f"<dd>{escape(m.definition)}</dd>"
            )
        parts.append("</dl>")
    return "\n".join(parts)


class FrameworkReferenceDialog(QDialog):
    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Framework reference")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setHtml(framework_html(framework))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(820, 680)
