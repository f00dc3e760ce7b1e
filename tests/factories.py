"""Tiny helpers that make content for tests; every argument can be overridden."""

import itertools

from articles.models import Article
from publications.models import KeyFinding, Publication, SurveyReport
from velfaerd.content.models import LeadershipTheme, Organisation
from velfaerd.knowledge.models import KnowledgeCentreLink
from velfaerd.pages.models import (
    CallToAction,
    PageSection,
    Section,
    ThemePage,
)

_numbers = itertools.count(1)


def _n():
    return next(_numbers)


def make_organisation(**fields):
    n = _n()
    return Organisation.objects.create(**{"name": f"Organisation {n}", "slug": f"organisation-{n}", **fields})


def make_theme(**fields):
    n = _n()
    return LeadershipTheme.objects.create(**{"name": f"Tema {n}", "slug": f"tema-{n}", **fields})


def make_publication(**fields):
    n = _n()
    return Publication.objects.create(
        **{"title": f"Publikation {n}", "slug": f"publikation-{n}", "summary": "<p>Resumé.</p>", **fields}
    )


def make_report(**fields):
    n = _n()
    organisation = fields.pop("organisation", None) or make_organisation()
    return SurveyReport.objects.create(
        **{"title": f"Rapport {n}", "slug": f"rapport-{n}", "organisation": organisation, **fields}
    )


def make_finding(report, **fields):
    return KeyFinding.objects.create(**{"report": report, "text": f"Resultat {_n()}.", **fields})


def make_article(**fields):
    n = _n()
    return Article.objects.create(
        **{"title": f"Artikel {n}", "slug": f"artikel-{n}", "standfirst": "En manchet.", **fields}
    )


def make_knowledge_link(**fields):
    n = _n()
    return KnowledgeCentreLink.objects.create(**{"name": f"Videncenter {n}", "slug": f"videncenter-{n}", **fields})


def make_section(**fields):
    n = _n()
    return Section.objects.create(**{"title": f"Sektion {n}", "slug": f"sektion-{n}", **fields})


def make_theme_page(**fields):
    n = _n()
    section = fields.pop("section", None) or make_section()
    return ThemePage.objects.create(
        **{"section": section, "title": f"Temaside {n}", "slug": f"temaside-{n}", "intro": "<p>Intro.</p>", **fields}
    )


def add_page_section(page, **fields):
    n = _n()
    return PageSection.objects.create(**{"page": page, "order": n, "heading": f"Afsnit {n}", **fields})


def add_call_to_action(section, target, **fields):
    kind = CallToAction.target_field_for(target)
    return CallToAction.objects.create(
        **{"section": section, "order": _n(), "text": f"Læs {target}", kind: target, **fields}
    )


def make_linked_page(**fields):
    """A published theme page in a section, with two parts that link to a publication, a survey report, an article
    and a knowledge-centre link, all tagged with one theme and the publication published by an organisation: a page
    as visitors meet one, made here rather than read from the seed. Returns it with what it links to."""
    from types import SimpleNamespace

    theme = make_theme()
    organisation = make_organisation()
    page = make_theme_page(**fields)
    first, second = add_page_section(page, heading="Publikationer"), add_page_section(page, heading="Mere viden")
    made = SimpleNamespace(
        page=page,
        theme=theme,
        organisation=organisation,
        publication=make_publication(summary="<p>Om ledere og deres arbejde.</p>"),
        report=make_report(),
        article=make_article(),
        link=make_knowledge_link(),
    )
    made.publication.publishers.add(organisation)
    for item in (made.publication, made.report, made.article, made.link):
        item.themes.add(theme)
    add_call_to_action(first, made.publication)
    add_call_to_action(first, made.report, text="Du kan læse rapporten her")
    add_call_to_action(second, made.article)
    add_call_to_action(second, made.link)
    return made


def image_file(width=600, height=800, name="forside.png", color=(11, 85, 99)):
    """A real PNG image as an upload."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def pdf_bytes(size=None):
    """A real one-page PDF; with ``size``, padded to about that many bytes (inside the PDF, as an attachment)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = io.BytesIO()
    writer.write(buffer)
    if size and size > len(buffer.getvalue()):
        writer.add_attachment("fyld.bin", b"0" * (size - len(buffer.getvalue()) - 300))
        buffer = io.BytesIO()
        writer.write(buffer)
    return buffer.getvalue()


def pdf_file(size=2411724, name="rapport.pdf"):
    """A real PDF of about the given size, as an upload."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, pdf_bytes(size), content_type="application/pdf")


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def made_pdf(text=None, *, tagged=False, lang=None, title=None, show_title=True, embedded=False, no_extraction=False):
    """A one-page PDF made here with just the properties asked for: a text layer (``text``), tags, a document
    language, a title shown as the window's, an embedded font (DejaVu Sans, Debian's fonts-dejavu-core), or
    encryption that forbids extracting text (also to assistive technology)."""
    import io

    from pypdf import PdfWriter
    from pypdf.constants import UserAccessPermissions
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DecodedStreamObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    if text:
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/TrueType" if embedded else "/Type1"),
                NameObject("/BaseFont"): NameObject("/DejaVuSans" if embedded else "/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
        if embedded:
            with open(DEJAVU, "rb") as ttf:
                program = DecodedStreamObject()
                program.set_data(ttf.read())
            descriptor = DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/FontDescriptor"),
                    NameObject("/FontName"): NameObject("/DejaVuSans"),
                    NameObject("/Flags"): NumberObject(32),
                    NameObject("/FontBBox"): ArrayObject([NumberObject(n) for n in (-1021, -463, 1793, 1232)]),
                    NameObject("/ItalicAngle"): NumberObject(0),
                    NameObject("/Ascent"): NumberObject(928),
                    NameObject("/Descent"): NumberObject(-236),
                    NameObject("/CapHeight"): NumberObject(729),
                    NameObject("/StemV"): NumberObject(80),
                    NameObject("/FontFile2"): writer._add_object(program),
                }
            )
            font[NameObject("/FontDescriptor")] = writer._add_object(descriptor)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        content = DecodedStreamObject()
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content.set_data(f"BT /F1 14 Tf 72 770 Td ({escaped}) Tj ET".encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(content)
    root = writer._root_object
    if tagged:
        root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
        tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        root[NameObject("/StructTreeRoot")] = writer._add_object(tree)
    if lang:
        root[NameObject("/Lang")] = TextStringObject(lang)
    if title:
        writer.add_metadata({"/Title": title})
        writer.create_viewer_preferences()[NameObject("/DisplayDocTitle")] = BooleanObject(show_title)
    if no_extraction:
        allowed = UserAccessPermissions.PRINT
        writer.encrypt(user_password="", owner_password="ejer", permissions_flag=allowed)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
