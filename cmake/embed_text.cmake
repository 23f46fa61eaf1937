# Writes OUT: the file IN as the C string NAME.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," hex "${hex}")
file(WRITE ${OUT} "/* Generated from ${IN} by cmake/embed_text.cmake. */\nconst char ${NAME}[] = {${hex}0x00};\n")
