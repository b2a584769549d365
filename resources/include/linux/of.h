/* Models include/linux/of.h: device tree nodes and property reads (CONFIG_OF is on in the simulated kernel). */
#ifndef _LINUX_OF_H
#define _LINUX_OF_H
#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/kobject.h>
#include <linux/mod_devicetable.h>
#include <linux/spinlock.h>
#include <linux/property.h>
#include <linux/list.h>
struct property {
	char	*name;
	int	length;
	void	*value;
	struct property *next;
};
struct device_node {
	const char *name;
	phandle phandle;
	const char *full_name;
	struct fwnode_handle *fwnode;
	struct property *properties;
	struct property *deadprops;
	struct device_node *parent;
	struct device_node *child;
	struct device_node *sibling;
	unsigned long _flags;
	void	*data;
};
#define of_match_ptr(_ptr)	(_ptr)
#define OF_DYNAMIC	1
#define OF_DETACHED	2
#define OF_POPULATED	3
#define OF_POPULATED_BUS	4
#define OF_BAD_ADDR	((u64)-1)
extern struct device_node *of_node_get(struct device_node *node);
extern void of_node_put(struct device_node *node);
static inline const char *of_node_full_name(const struct device_node *np)
{
	return np ? np->full_name : "<no-node>";
}
extern struct device_node *of_find_node_by_name(struct device_node *from, const char *name);
extern struct device_node *of_find_node_by_type(struct device_node *from, const char *type);
extern struct device_node *of_find_compatible_node(struct device_node *from, const char *type, const char *compat);
extern struct device_node *of_find_node_opts_by_path(const char *path, const char **opts);
static inline struct device_node *of_find_node_by_path(const char *path)
{
	return of_find_node_opts_by_path(path, NULL);
}
extern struct device_node *of_find_node_by_phandle(phandle handle);
extern struct device_node *of_get_parent(const struct device_node *node);
extern struct device_node *of_get_next_child(const struct device_node *node, struct device_node *prev);
extern struct device_node *of_get_next_available_child(const struct device_node *node, struct device_node *prev);
extern struct device_node *of_get_compatible_child(const struct device_node *parent, const char *compatible);
extern struct device_node *of_get_child_by_name(const struct device_node *node, const char *name);
extern struct property *of_find_property(const struct device_node *np, const char *name, int *lenp);
extern int of_property_count_elems_of_size(const struct device_node *np, const char *propname, int elem_size);
extern int of_property_read_u32_index(const struct device_node *np, const char *propname, u32 index, u32 *out_value);
extern int of_property_read_u64_index(const struct device_node *np, const char *propname, u32 index, u64 *out_value);
extern int of_property_read_variable_u8_array(const struct device_node *np, const char *propname, u8 *out_values, size_t sz_min, size_t sz_max);
extern int of_property_read_variable_u16_array(const struct device_node *np, const char *propname, u16 *out_values, size_t sz_min, size_t sz_max);
extern int of_property_read_variable_u32_array(const struct device_node *np, const char *propname, u32 *out_values, size_t sz_min, size_t sz_max);
extern int of_property_read_u64(const struct device_node *np, const char *propname, u64 *out_value);
extern int of_property_read_variable_u64_array(const struct device_node *np, const char *propname, u64 *out_values, size_t sz_min, size_t sz_max);
extern int of_property_read_string(const struct device_node *np, const char *propname, const char **out_string);
extern int of_property_match_string(const struct device_node *np, const char *propname, const char *string);
extern int of_property_read_string_helper(const struct device_node *np, const char *propname, const char **out_strs, size_t sz, int index);
extern int of_device_is_compatible(const struct device_node *device, const char *);
extern bool of_device_is_available(const struct device_node *device);
extern const void *of_get_property(const struct device_node *node, const char *name, int *lenp);
#define for_each_property_of_node(dn, pp) for (pp = dn->properties; pp != NULL; pp = pp->next)
extern const struct of_device_id *of_match_node(const struct of_device_id *matches, const struct device_node *node);
extern int of_alias_get_id(struct device_node *np, const char *stem);
#define for_each_child_of_node(parent, child) for (child = of_get_next_child(parent, NULL); child != NULL; child = of_get_next_child(parent, child))
#define for_each_available_child_of_node(parent, child) for (child = of_get_next_available_child(parent, NULL); child != NULL; child = of_get_next_available_child(parent, child))
#define for_each_compatible_node(dn, type, compatible) for (dn = of_find_compatible_node(NULL, type, compatible); dn; dn = of_find_compatible_node(dn, type, compatible))
#define for_each_node_by_name(dn, name) for (dn = of_find_node_by_name(NULL, name); dn; dn = of_find_node_by_name(dn, name))
static inline int of_get_child_count(const struct device_node *np)
{
	struct device_node *child;
	int num = 0;

	for_each_child_of_node(np, child)
		num++;
	return num;
}
static inline int of_get_available_child_count(const struct device_node *np)
{
	struct device_node *child;
	int num = 0;

	for_each_available_child_of_node(np, child)
		num++;
	return num;
}
static inline int of_property_read_u8_array(const struct device_node *np, const char *propname, u8 *out_values, size_t sz)
{
	int ret = of_property_read_variable_u8_array(np, propname, out_values, sz, 0);
	if (ret >= 0)
		return 0;
	else
		return ret;
}
static inline int of_property_read_u16_array(const struct device_node *np, const char *propname, u16 *out_values, size_t sz)
{
	int ret = of_property_read_variable_u16_array(np, propname, out_values, sz, 0);
	if (ret >= 0)
		return 0;
	else
		return ret;
}
static inline int of_property_read_u32_array(const struct device_node *np, const char *propname, u32 *out_values, size_t sz)
{
	int ret = of_property_read_variable_u32_array(np, propname, out_values, sz, 0);
	if (ret >= 0)
		return 0;
	else
		return ret;
}
static inline int of_property_read_u64_array(const struct device_node *np, const char *propname, u64 *out_values, size_t sz)
{
	int ret = of_property_read_variable_u64_array(np, propname, out_values, sz, 0);
	if (ret >= 0)
		return 0;
	else
		return ret;
}
static inline bool of_property_read_bool(const struct device_node *np, const char *propname)
{
	struct property *prop = of_find_property(np, propname, NULL);

	return prop ? true : false;
}
static inline int of_property_count_u8_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u8));
}
static inline int of_property_count_u16_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u16));
}
static inline int of_property_count_u32_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u32));
}
static inline int of_property_count_u64_elems(const struct device_node *np, const char *propname)
{
	return of_property_count_elems_of_size(np, propname, sizeof(u64));
}
static inline int of_property_read_string_array(const struct device_node *np, const char *propname, const char **out_strs, size_t sz)
{
	return of_property_read_string_helper(np, propname, out_strs, sz, 0);
}
static inline int of_property_count_strings(const struct device_node *np, const char *propname)
{
	return of_property_read_string_helper(np, propname, NULL, 0, 0);
}
static inline int of_property_read_string_index(const struct device_node *np, const char *propname, int index, const char **output)
{
	int rc = of_property_read_string_helper(np, propname, output, 1, index);
	return rc < 0 ? rc : 0;
}
static inline bool of_property_present(const struct device_node *np, const char *propname)
{
	return of_property_read_bool(np, propname);
}
static inline int of_property_read_u8(const struct device_node *np, const char *propname, u8 *out_value)
{
	return of_property_read_u8_array(np, propname, out_value, 1);
}
static inline int of_property_read_u16(const struct device_node *np, const char *propname, u16 *out_value)
{
	return of_property_read_u16_array(np, propname, out_value, 1);
}
static inline int of_property_read_u32(const struct device_node *np, const char *propname, u32 *out_value)
{
	return of_property_read_u32_array(np, propname, out_value, 1);
}
static inline int of_property_read_s32(const struct device_node *np, const char *propname, s32 *out_value)
{
	return of_property_read_u32(np, propname, (u32*) out_value);
}
extern bool of_node_name_eq(const struct device_node *np, const char *name);
#endif
