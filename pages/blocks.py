"""StreamField blocks of the partnership's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describes the image for people who cannot see it."),
    )

    class Meta:
        icon = "image"
        label = _("Image")


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"), required=False, help_text=_("Defaults to the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), icon="title", form_classname="title")
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)
    bullet_list = blocks.ListBlock(blocks.CharBlock(label=_("Item")), label=_("Bullet list"), icon="list-ul")
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()


class ProgrammeDayBlock(blocks.StructBlock):
    """One day of an event's programme and what it focused on."""

    date = blocks.DateBlock(label=_("Date"), required=False)
    title = blocks.CharBlock(label=_("Title"), help_text=_("For example: Victim protection."))
    focus = blocks.TextBlock(label=_("Focus"), required=False)

    class Meta:
        icon = "date"
        label = _("Programme day")


class ParticipantGroupBlock(blocks.StructBlock):
    """A part of the participants, e.g. "19 representatives of the DGMM"."""

    count = blocks.IntegerBlock(label=_("Number of participants"), min_value=0)
    description = blocks.CharBlock(label=_("Who they were"))
    organisation = SnippetChooserBlock("pages.Organisation", label=_("Organisation"), required=False)

    class Meta:
        icon = "group"
        label = _("Participant group")


def text_list_field(verbose_name, help_text=""):
    """A list of short texts (learning points, outcomes, feedback ...), one segment each."""
    return StreamField(
        [("item", blocks.CharBlock(label=_("Item")))],
        blank=True,
        verbose_name=verbose_name,
        help_text=help_text,
    )
