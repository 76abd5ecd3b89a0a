/* keys_int.h — private to client/keys: the built-in copy of default.keys. */
#ifndef MW_CLIENT_KEYS_INT_H
#define MW_CLIENT_KEYS_INT_H

/* keymaps/default.keys as a C string (keys_default.c, made by
 * client/keys/gen_default.sh; test_client_keys checks they are equal). */
extern const char keys_default_text[];

#endif
