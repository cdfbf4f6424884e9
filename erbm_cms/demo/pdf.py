"""Small, deterministic PDFs for the demo content, written with fpdf2."""

from datetime import UTC, datetime

from fpdf import FPDF

FIXED_CREATION_DATE = datetime(2024, 1, 1, tzinfo=UTC)


class DemoPDF(FPDF):
    def __init__(self, running_header, running_footer):
        super().__init__(format="A4")
        # Core fonts in Windows-1252 cover French: accents, œ, ’, « », €.
        self.core_fonts_encoding = "windows-1252"
        self.running_header = running_header
        self.running_footer = running_footer
        self.set_creation_date(FIXED_CREATION_DATE)
        self.set_auto_page_break(auto=True, margin=22)
        self.set_margins(20, 22, 20)

    def header(self):
        if self.running_header:
            self.set_font("Helvetica", "B", 9)
            self.set_text_color(160, 0, 0)
            self.cell(0, 6, self.running_header, align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0, 0, 0)
            self.ln(4)

    def footer(self):
        self.set_y(-15)
        self.set_font("Helvetica", "I", 8)
        footer = f"{self.running_footer} - page {self.page_no()}/{{nb}}" if self.running_footer else f"page {self.page_no()}/{{nb}}"
        self.cell(0, 8, footer, align="C")


def _printable(text):
    # Characters outside Windows-1252 (rare typographic signs) degrade gracefully.
    return text.encode("windows-1252", errors="replace").decode("windows-1252")


def render_pdf(title, sections, *, running_header="", running_footer="", subject="", min_pages=1):
    """A PDF with a title and (heading, paragraphs) sections; returns its bytes."""
    pdf = DemoPDF(_printable(running_header), _printable(running_footer))
    pdf.set_title(_printable(title))
    if subject:
        pdf.set_subject(_printable(subject))
    pdf.set_creator("ERBM - contenu de demonstration")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 15)
    pdf.multi_cell(0, 8, _printable(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for heading, paragraphs in sections:
        if heading == "\f":
            pdf.add_page()
            continue
        if heading:
            pdf.set_font("Helvetica", "B", 12)
            pdf.multi_cell(0, 7, _printable(heading), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        pdf.set_font("Helvetica", "", 11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 5.5, _printable(paragraph), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
    while pdf.page_no() < min_pages:
        pdf.add_page()
    return bytes(pdf.output())
