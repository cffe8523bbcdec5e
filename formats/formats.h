/* formats.h - the descriptor each format file exports: for the registry,
 * which lists them, and for a format that writes through another (an
 * EPUB chapter is an HTML page, a ZIP bundle holds HTML and JSON). */
#ifndef STENO_FORMATS_H
#define STENO_FORMATS_H

#include "core/format.h"

extern const format text_format, markdown_format, tei_format, trs_format, xml_format,
	html_format, json_format, zip_format, epub_format, vtt_format, srt_format, table_format,
	chat_format;

#endif
