"""Generated scans of known French text: typeset, rendered to an image, slightly rotated and noised,
saved as an image-only PDF (no text layer). Shared by the OCR tests and `bench/ocr.py`."""

import io
import random
import re
import unicodedata
from collections import Counter

import pypdfium2 as pdfium
from PIL import Image, ImageFilter
from pypdf import PdfReader, PdfWriter

from erbm_cms.demo.pdf import render_pdf

SENTENCES = [
    "Le conseil communautaire, réuni en séance publique le 12 février 2024, approuve à l'unanimité la réhabilitation "
    "énergétique de quatre cent vingt logements miniers de la cité Bruno à Dourges.",
    "Considérant que l'Engagement pour le renouveau du bassin minier prévoit la rénovation de vingt-trois mille "
    "logements, le président est autorisé à signer la convention de financement avec l'État et la Région.",
    "Les crédits nécessaires sont inscrits au budget de l'exercice ; la présente délibération sera transmise au "
    "préfet du Pas-de-Calais et publiée au recueil des actes administratifs.",
    "La commission permanente décide d'accorder une subvention de trois cent mille euros à l'association chargée "
    "de l'accompagnement des demandeurs d'emploi du territoire.",
    "Le département apporte son concours à la création d'une pépinière d'entreprises sur l'ancien carreau de fosse, "
    "près du chevalement classé au patrimoine mondial.",
    "Après en avoir délibéré, l'assemblée adopte le programme de requalification des espaces publics, des voiries "
    "et des jardins ouvriers de la cité.",
    "Une étude préalable évaluera la qualité des sols, la présence éventuelle de pollution et le coût des travaux "
    "de dépollution nécessaires.",
    "Le comité de pilotage se réunira chaque trimestre ; il rendra compte de l'avancement des opérations aux "
    "habitants lors d'une réunion publique.",
    "La Région Hauts-de-France cofinance la formation des jeunes aux métiers du bâtiment et de la rénovation "
    "thermique des maisons anciennes.",
    "Le maître d'ouvrage s'engage à réserver une part des heures travaillées à des personnes éloignées de "
    "l'emploi, conformément à la clause d'insertion.",
    "Fait à Lens, le quatorze mars deux mille vingt-quatre ; le président certifie le caractère exécutoire de "
    "cet acte, reçu en préfecture le même jour.",
    "La délibération peut faire l'objet d'un recours devant le tribunal administratif de Lille dans un délai de "
    "deux mois à compter de sa publication.",
]


def page_sections(number, sentences_per_page=5):
    """The known text of page `number` (1-based): a heading and a few paragraphs, different on every page."""
    start = (number - 1) * 3
    chosen = [SENTENCES[(start + i) % len(SENTENCES)] for i in range(sentences_per_page)]
    return [(f"Article {number} : dispositions relatives à la cité n° {number}", chosen)]


def known_text(number):
    heading, paragraphs = page_sections(number)[0]
    return "\n".join([heading, *paragraphs])


def typeset_page(number):
    """PDF (with a text layer) of the known text of page `number`."""
    return render_pdf("Délibération du conseil communautaire", page_sections(number))


def scan_image(pdf_bytes, dpi=200, angle=1.2, speckles=0.01, seed=0):
    """What a scanner gives of the first page: grayscale, slightly rotated, with speckles and a little blur."""
    document = pdfium.PdfDocument(pdf_bytes)
    try:
        image = document[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    finally:
        document.close()
    image = image.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=255)
    pixels, (width, height) = image.load(), image.size
    rnd = random.Random(seed)
    for _ in range(int(width * height * speckles)):
        pixels[rnd.randrange(width), rnd.randrange(height)] = rnd.choice((0, 255))
    return image.filter(ImageFilter.GaussianBlur(0.5))


def scan_images(pages, dpi=200, seed=0):
    """Scans of pages 1 to `pages`; another `seed` gives other speckles (another file, the same text)."""
    return [scan_image(typeset_page(n), dpi=dpi, angle=(1.2 if n % 2 else -0.8), seed=seed * 1000 + n)
            for n in range(1, pages + 1)]


def image_only_pdf(images, dpi=200):
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=dpi)
    return buffer.getvalue()


def scanned_pdf(pages=2, seed=0):
    """An image-only PDF of `pages` pages of known French text."""
    return image_only_pdf(scan_images(pages, seed=seed))


def mixed_pdf():
    """Page 1 typeset (text layer), page 2 scanned (image only): the known texts of pages 1 and 2."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(typeset_page(1))), pages=[0])
    writer.append(PdfReader(io.BytesIO(image_only_pdf([scan_image(typeset_page(2), seed=2)]))), pages=[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def words(text):
    """The words of a text, as a reader would check them: lower case, accents kept."""
    return re.findall(r"[^\W\d_]+", unicodedata.normalize("NFC", text).lower())


def word_recall(reference, found):
    """Share of the reference's words (with repetitions) found in `found`, accents included."""
    expected, got = Counter(words(reference)), Counter(words(found))
    total = sum(expected.values())
    return sum(min(count, got[word]) for word, count in expected.items()) / total if total else 1.0
