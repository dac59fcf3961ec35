"""Pictures and PDF reports made at load time, so the demo needs no downloads."""

import io
import textwrap

from PIL import Image, ImageDraw


def illustration(colour: tuple[int, int, int], seed: int, size=(1600, 1067)) -> bytes:
    """A simple drawing of a meeting room: a screen, a table and people around it (JPEG)."""
    width, height = size
    background = tuple(min(255, channel + 150) for channel in colour)
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    # screen
    draw.rectangle(
        [width * 0.3, height * 0.08, width * 0.7, height * 0.38],
        fill=(245, 245, 245),
        outline=colour,
        width=8,
    )
    for line in range(3):
        y = height * (0.15 + line * 0.07)
        draw.line([width * 0.35, y, width * (0.6 - 0.05 * ((seed + line) % 3)), y], fill=colour, width=10)
    # table
    draw.rounded_rectangle([width * 0.15, height * 0.6, width * 0.85, height * 0.75], radius=30, fill=colour)
    # people: heads and shoulders along both sides of the table
    people = 5 + seed % 3
    for index in range(people):
        x = width * (0.2 + index * 0.6 / (people - 1))
        for y, shade in ((height * 0.52, 40), (height * 0.85, 80)):
            tone = tuple(max(0, channel - shade) for channel in colour)
            draw.ellipse([x - 40, y - 95, x + 40, y - 15], fill=tone)
            draw.pieslice([x - 70, y - 20, x + 70, y + 120], 180, 360, fill=tone)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def _pdf_text(text: str) -> str:
    # The standard Helvetica font of a PDF knows Latin-1; replace what it cannot show.
    latin = text.encode("latin-1", "replace").decode("latin-1")
    return latin.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def report_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A real, text-based PDF (A4) with a title and paragraphs, written without extra libraries."""
    lines = [(18, title), (11, "")]
    for paragraph in paragraphs:
        lines += [(11, line) for line in textwrap.wrap(paragraph, 90)] + [(11, "")]
    per_page = 55
    pages = [lines[start : start + per_page] for start in range(0, len(lines), per_page)]

    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        None,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for page_lines in pages:
        stream = ["BT", "/F1 11 Tf", "14 TL", "56 790 Td"]
        for font_size, line in page_lines:
            stream.append(f"/F1 {font_size} Tf ({_pdf_text(line)}) Tj T*")
        stream.append("ET")
        content = "\n".join(stream).encode("latin-1")
        objects.append(f"<< /Length {len(content)} >>\nstream\n{content.decode('latin-1')}\nendstream")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objects)} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"

    output = io.BytesIO()
    output.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = output.tell()
    output.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        output.write(f"{offset:010d} 00000 n \n".encode())
    output.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return output.getvalue()
