package dev.seedloop.engine.api;

/**
 * The address of a node in one simulated run.
 *
 * <p>Addresses are handed out by {@link World#address(String)} and {@link World#start}; each is unique in
 * its run. The {@code index} is dense (0, 1, 2, ... in the order addresses were created) and is what the
 * trace records; the {@code name} is for people. Ordering and equality are by index and name, never by
 * identity, so collections of addresses iterate the same way in every run.
 *
 * @param index the address's position in creation order, starting at 0
 * @param name the human-readable name given when the address was created
 */
public record Address(int index, String name) implements Comparable<Address> {
    /** Validates the components. */
    public Address {
        Check.argument(index >= 0, "address index must be >= 0, got %s", index);
        Check.argument(name != null && !name.isBlank(), "address name must not be blank");
    }

    /** Equal when index and name are; the identity test first, as nodes pass the run's own objects around. */
    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof Address that && index == that.index && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return 31 * index + name.hashCode();
    }

    @Override
    public int compareTo(Address other) {
        return Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        return name;
    }
}
