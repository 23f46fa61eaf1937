/* The directory (业户档案): occupants and units, searched and shown with the reader's
 * masking. */
#ifndef FRONTDESK_SCREENS_DIRECTORY_H
#define FRONTDESK_SCREENS_DIRECTORY_H

#include "console/console.h"

extern const screen_ops directory_screen;

#endif
