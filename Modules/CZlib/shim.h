// zlib (Debian: zlib1g-dev), for the P2P lab's optional piece compression.
#include <zlib.h>
