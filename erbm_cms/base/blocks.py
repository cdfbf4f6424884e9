"""StreamField blocks shared by the page types."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = "Intertitre"
        template = "blocks/heading_block.html"


class ImageWithCreditBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="image")
    alt_text = blocks.CharBlock(
        label="texte alternatif", required=False,
        help_text="Décrit l'image pour qui ne la voit pas ; laisser vide si elle est décorative.",
    )
    caption = blocks.CharBlock(label="légende", required=False)
    credit = blocks.CharBlock(label="crédit photo", required=False)

    class Meta:
        icon = "image"
        label = "Image avec crédit"
        template = "blocks/image_with_credit_block.html"


class PhotoCreditBlock(blocks.StructBlock):
    """The caption and credit of a photo of the printed publication, kept as text."""

    caption = blocks.CharBlock(label="légende")
    credit = blocks.CharBlock(label="crédit photo", required=False)

    class Meta:
        icon = "image"
        label = "Légende et crédit photo (sans image)"
        template = "blocks/photo_credit_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="citation")
    author = blocks.CharBlock(label="auteur", required=False)
    role = blocks.CharBlock(label="fonction", required=False)

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "blocks/quote_block.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(label="chiffre", help_text="Par exemple « 1,2 million » ou « 100 M€ ».")
    label = blocks.CharBlock(label="libellé")
    detail = blocks.CharBlock(label="précision", required=False)


class KeyFiguresBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="titre", required=False)
    figures = blocks.ListBlock(KeyFigureBlock(), label="chiffres clés", min_num=1)

    class Meta:
        icon = "table"
        label = "Chiffres clés"
        template = "blocks/key_figures_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="document")
    title = blocks.CharBlock(label="titre affiché", required=False)


class DocumentLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="titre", required=False, default="Documents")
    documents = blocks.ListBlock(DocumentLinkBlock(), label="documents", min_num=1)

    class Meta:
        icon = "doc-full"
        label = "Liens vers des documents"
        template = "blocks/document_links_block.html"


class ExternalLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="titre")
    url = blocks.URLBlock(label="adresse")
    detail = blocks.CharBlock(label="précision (source, date)", required=False)


class ExternalLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="titre", required=False, default="En savoir plus")
    links = blocks.ListBlock(ExternalLinkBlock(), label="liens", min_num=1)

    class Meta:
        icon = "link"
        label = "Liens externes"
        template = "blocks/external_links_block.html"


class TimelineEventBlock(blocks.StructBlock):
    date_label = blocks.CharBlock(label="date", help_text="Par exemple « 7 mars 2017 » ou « Avril 2018 ».")
    title = blocks.CharBlock(label="événement")
    detail = blocks.TextBlock(label="précision", required=False)


class TimelineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label="titre", required=False, default="En quelques dates")
    events = blocks.ListBlock(TimelineEventBlock(), label="événements", min_num=1)

    class Meta:
        icon = "date"
        label = "Frise chronologique"
        template = "blocks/timeline_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label="Texte", icon="pilcrow", template="blocks/paragraph_block.html"
    )
    image = ImageWithCreditBlock()
    photo_credit = PhotoCreditBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    documents = DocumentLinksBlock()
    links = ExternalLinksBlock()
    timeline = TimelineBlock()

    class Meta:
        block_counts = {}
