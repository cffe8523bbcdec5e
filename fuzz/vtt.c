/* vtt.c - fuzz the WebVTT reader (captions_fuzz.h has the protocol). */
#include "captions_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_captions(data, size, "vtt");
}
