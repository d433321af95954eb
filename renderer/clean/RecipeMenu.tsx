/** Save the recipe by name, or open a saved one (its newest version, or an older one). */
import { useState } from 'react';
import { useClean } from '../app-stores';

export function RecipeMenu() {
  const { saved, recipe, steps } = useClean();
  const [name, setName] = useState('');
  const clean = useClean.getState();
  return (
    <div className="clean-recipes row">
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void clean.saveRecipe(name.trim());
        }}
      >
        <input
          aria-label="Recipe name"
          placeholder={recipe ? `${recipe.name} (v${recipe.number})` : 'recipe name'}
          value={name}
          size={14}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" disabled={steps.length === 0 || name.trim() === ''}>
          Save recipe
        </button>
      </form>
      <select
        aria-label="Open a saved recipe"
        value=""
        onFocus={() => void clean.loadRecipes()}
        onChange={(e) => {
          const [n, number] = e.target.value.split('\u0000');
          if (n) void clean.openRecipe(n, Number(number));
        }}
      >
        <option value="">Open saved recipe…</option>
        {saved.map((r) => (
          <option key={`${r.name}@${r.number}`} value={`${r.name}\u0000${r.number}`}>
            {r.name} v{r.number} · {r.recipe.steps.length} steps
          </option>
        ))}
      </select>
    </div>
  );
}
