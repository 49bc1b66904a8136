package org.townlet.sim.config;

/**
 * The {@code economy} block (SPEC §17.3, §17.7): base prices, wages, the starting wallet and fridge restocking.
 * Immutable. The world view's {@code economy_settings} carries these six values as doubles.
 *
 * <p>YAML binding: each key is the snake_case form of a component ({@code restock_interval_ticks} ↔
 * {@link #restockIntervalTicks()}); bind through the canonical constructor or {@link #builder()}. Messages name the
 * key ({@code economy.meal_cost must be 0–1000; got -1.0}).
 *
 * @param mealCost             base price of a meal, 0–1000 ({@value #DEFAULT_MEAL_COST})
 * @param ingredientsCost      base price of the ingredients of one cooking, 0–1000 ({@value #DEFAULT_INGREDIENTS_COST})
 * @param wageRate             wage per on-shift tick worked, 0–1000 ({@value #DEFAULT_WAGE_RATE})
 * @param startingWallet       money an agent arrives with, 0–1000000 ({@value #DEFAULT_STARTING_WALLET})
 * @param restockIntervalTicks fridges are restocked every this many ticks, 1–1000000
 *                             ({@value #DEFAULT_RESTOCK_INTERVAL_TICKS})
 * @param restockAmount        ingredients added to each fridge per restock, 0–1000 ({@value #DEFAULT_RESTOCK_AMOUNT})
 */
public record EconomySettings(double mealCost, double ingredientsCost, double wageRate, double startingWallet,
        long restockIntervalTicks, long restockAmount) {
    public static final double DEFAULT_MEAL_COST = 0.4;
    public static final double DEFAULT_INGREDIENTS_COST = 0.15;
    public static final double DEFAULT_WAGE_RATE = 0.01;
    public static final double DEFAULT_STARTING_WALLET = 5.0;
    public static final long DEFAULT_RESTOCK_INTERVAL_TICKS = 240;
    public static final long DEFAULT_RESTOCK_AMOUNT = 4;

    /** Every key at its default. */
    public static final EconomySettings DEFAULTS = new EconomySettings(DEFAULT_MEAL_COST, DEFAULT_INGREDIENTS_COST,
            DEFAULT_WAGE_RATE, DEFAULT_STARTING_WALLET, DEFAULT_RESTOCK_INTERVAL_TICKS, DEFAULT_RESTOCK_AMOUNT);

    /** @throws IllegalArgumentException naming the key, the range and the value */
    public EconomySettings {
        Check.range("economy.meal_cost", mealCost, 0.0, 1000.0);
        Check.range("economy.ingredients_cost", ingredientsCost, 0.0, 1000.0);
        Check.range("economy.wage_rate", wageRate, 0.0, 1000.0);
        Check.range("economy.starting_wallet", startingWallet, 0.0, 1_000_000.0);
        Check.range("economy.restock_interval_ticks", restockIntervalTicks, 1, 1_000_000);
        Check.range("economy.restock_amount", restockAmount, 0, 1000);
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return DEFAULTS.toBuilder();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable, single-threaded builder; {@link #build()} validates. */
    public static final class Builder {
        private double mealCost;
        private double ingredientsCost;
        private double wageRate;
        private double startingWallet;
        private long restockIntervalTicks;
        private long restockAmount;

        private Builder(EconomySettings from) {
            mealCost = from.mealCost;
            ingredientsCost = from.ingredientsCost;
            wageRate = from.wageRate;
            startingWallet = from.startingWallet;
            restockIntervalTicks = from.restockIntervalTicks;
            restockAmount = from.restockAmount;
        }

        public Builder mealCost(double value) {
            mealCost = value;
            return this;
        }

        public Builder ingredientsCost(double value) {
            ingredientsCost = value;
            return this;
        }

        public Builder wageRate(double value) {
            wageRate = value;
            return this;
        }

        public Builder startingWallet(double value) {
            startingWallet = value;
            return this;
        }

        public Builder restockIntervalTicks(long value) {
            restockIntervalTicks = value;
            return this;
        }

        public Builder restockAmount(long value) {
            restockAmount = value;
            return this;
        }

        public EconomySettings build() {
            return new EconomySettings(mealCost, ingredientsCost, wageRate, startingWallet, restockIntervalTicks,
                    restockAmount);
        }
    }
}
