/* tei.c - fuzz the "tei" reader (xml_fuzz.h has the protocol). */
#include "xml_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_xml(data, size, "tei");
}
