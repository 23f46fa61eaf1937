# Message catalogues: data/po/LANG.po compiled to LANG/LC_MESSAGES/frontdesk.mo,
# in the build tree (so the binary runs translated before install) and on install.
find_program(MSGFMT msgfmt REQUIRED)
file(GLOB FRONTDESK_PO_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/data/po/*.po)
set(FRONTDESK_MO_FILES)
foreach(po IN LISTS FRONTDESK_PO_FILES)
  get_filename_component(lang ${po} NAME_WE)
  set(mo ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES/frontdesk.mo)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/locale/${lang}/LC_MESSAGES
    COMMAND ${MSGFMT} --check -o ${mo} ${po}
    DEPENDS ${po} COMMENT "Compiling ${lang} messages")
  list(APPEND FRONTDESK_MO_FILES ${mo})
  install(FILES ${mo} DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
endforeach()
add_custom_target(translations ALL DEPENDS ${FRONTDESK_MO_FILES})

# `make pot` refreshes the template from every marked string.
file(GLOB_RECURSE FRONTDESK_I18N_SOURCES RELATIVE ${CMAKE_SOURCE_DIR} ${CMAKE_SOURCE_DIR}/src/*.c ${CMAKE_SOURCE_DIR}/screens/*.c ${CMAKE_SOURCE_DIR}/include/*.h ${CMAKE_SOURCE_DIR}/src/*.h ${CMAKE_SOURCE_DIR}/screens/*.h ${CMAKE_SOURCE_DIR}/src/*.def)
add_custom_target(pot
  COMMAND xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 --add-comments=TRANSLATORS:
          --package-name=frontdesk -o ${CMAKE_SOURCE_DIR}/data/po/frontdesk.pot ${FRONTDESK_I18N_SOURCES}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
